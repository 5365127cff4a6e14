"""A view that fails two calls deep: run it to read the traceback."""


def line_total(row):
    return row["price"] * row["quantity"]


def invoice(rows):
    return sum(line_total(row) for row in rows)


ROWS = [{"price": 10, "quantity": 2}, {"price": None, "quantity": 1}]
invoice(ROWS)
