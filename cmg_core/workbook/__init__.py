"""Workbooks: safe reading of untrusted uploads (guards first) and writing of generated ones.

- `reader.read_workbook(data)`: guards (`guards`, `sniff`, `ole2`, `package`, `sheetxml`), then
  python-calamine; everything hostile ends as `rejected.WorkbookRejected`.
- `blank.blank_template(template)`: the blank MC / GAD templates the portal hands out.
- `annotate.annotate(data, findings)`: the user's workbook back with its findings marked.
- `safe_text`: one helper per medium (`cell_value`, `comment_text`, `sheet_title`) for every
  text we write: never a formula, never a character XML cannot hold.
"""
