"""The demonstration's data: monthly files as partners would write them (`files`), the plan of
a year of filing (`year`) and its replay through the DS sandbox and the back office
(`history`)."""
