"""Indicator tables from .xlsx/.csv: the grid (cells), header recognition, rows → indicators, multi-region tables."""
