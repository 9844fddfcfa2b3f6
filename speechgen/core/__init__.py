"""The bottom layer: the Draft, numbers and numerals, the genre's numbering grammar, the markup, periods, file and YAML I/O.  Imports nothing of speechgen but :mod:`speechgen.errors`."""
