"""The peers: SQLAlchemy (Core and ORM) and peewee, each written as its docs advise."""
