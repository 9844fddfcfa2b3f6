"""The proofreader: one reading of the document (through the outline's reader and parser) and its rules."""
