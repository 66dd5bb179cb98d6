"""A tolerant, safe, streaming reader of submission files (XLSX and CSV). Pure Python: no Django.

``read_table`` detects the format by content, refuses unsafe workbooks (zip bombs, DTDs), finds the
header row of the form in any of its languages and yields the data rows lazily as located
:class:`Cell` s. ``values`` turns raw cell values into typed ones. Nothing here raises on user
input: every finding is a coded :class:`Problem`.

Problem codes — file level (``read_table``):
    errors: ``file_too_large``, ``file_empty``, ``file_unreadable``, ``encoding_unreadable``,
    ``xlsx_unreadable``, ``xlsx_zip_bomb``, ``xlsx_forbidden_xml``, ``xlsx_cell_out_of_bounds``,
    ``xlsx_sparse``, ``header_not_found``,
    ``missing_column``, ``duplicate_column``, ``too_many_rows``;
    warnings: ``unknown_column``, ``formula_not_evaluated``, ``formula_warnings_truncated``.
Value level (``values``):
    errors: ``amount_not_a_number``, ``amount_too_many_decimals``, ``amount_not_positive``,
    ``amount_too_large``, ``date_unreadable``, ``year_invalid``, ``bin_invalid``, ``choice_invalid``,
    ``value_unreadable``;
    warnings: ``amount_ambiguous_separator``, ``date_from_serial_text``, ``bin_leading_zeros_restored``.
"""

from .model import Cell, ParsedTable, Problem
from .reader import read_table

__all__ = ["Cell", "Problem", "ParsedTable", "read_table"]
