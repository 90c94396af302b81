"""``python -m tempest_orm.cli``: the ``tempest`` console script."""

from tempest_orm.cli import main

main(prog_name="tempest")
