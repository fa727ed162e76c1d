"""Workbooks: safe reading of untrusted uploads (guards first) and writing of generated ones.

- `reader.read_workbook(data)`: guards (`guards`, `sniff`, `ole2`, `package`, `sheetxml`), then
  python-calamine; everything hostile ends as `rejected.WorkbookRejected`.
- `blank.blank_template(template)`: the blank MC / GAD templates the portal hands out.
- `annotate.annotate(data, findings)`: the user's workbook back with its findings marked.
- `safe_text.neutralise(value)`: the formula-injection guard for every text we write.
"""
