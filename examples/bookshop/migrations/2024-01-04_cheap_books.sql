-- Plain SQL migrations work too: one file, several statements.
CREATE INDEX books_by_price ON books (price);

/* Books under ten euros; the view is rebuilt by migrate:fresh like any table. */
CREATE VIEW cheap_books AS SELECT id, title, price FROM books WHERE price < 10;
