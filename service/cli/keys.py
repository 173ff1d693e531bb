"""``wirealign keys``: make, list and revoke API keys. A key is printed once,
when it is made; the database keeps only its hash."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..store import get_db
from ..store.keys import ROLES, add_key, list_keys, revoke_key


@click.group("keys")
def keys_cli() -> None:
    """API keys for reviewers and admins."""


@keys_cli.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="reviewer", show_default=True,
              help="reviewer may review pairs; admin may also do admin-only tasks.")
@with_appcontext
def add(name: str, role: str) -> None:
    """Make a key for NAME and print it (it is not shown again)."""
    try:
        key = add_key(get_db(), name, role)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(key)
    click.echo(f"key for {name} ({role}); store it now, it is not shown again", err=True)


@keys_cli.command("list")
@with_appcontext
def list_() -> None:
    """Names, roles and dates of all keys (never the keys)."""
    rows = list_keys(get_db())
    if not rows:
        click.echo("no keys; make one with: wirealign keys add NAME --role reviewer", err=True)
        return
    width = max(len(row["name"]) for row in rows)
    for row in rows:
        state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "live"
        click.echo(f"{row['name']:<{width}}  {row['role']:<8}  created {row['created_at']}"
                   f"  {state}")


@keys_cli.command("revoke")
@click.argument("name")
@with_appcontext
def revoke(name: str) -> None:
    """Revoke NAME's key at once."""
    if not revoke_key(get_db(), name):
        raise click.ClickException(f"no live key named {name!r}")
    click.echo(f"revoked {name}")


@keys_cli.command("limit")
@click.argument("name")
@click.argument("limit")
@with_appcontext
def limit(name: str, limit: str) -> None:
    """Give NAME's key its own rate limit on costly requests, e.g. "600/minute"
    or "600/minute;10000/day" ("default" goes back to WIREALIGN_RATE_LIMIT_KEY)."""
    from ..api.limits import check_limit
    from ..store.keys import set_rate_limit

    own = None if limit == "default" else limit
    if own is not None:
        try:
            check_limit(own)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="'LIMIT'") from None
    if not set_rate_limit(get_db(), name, own):
        raise click.ClickException(f"no live key named {name!r}")
    click.echo(f"{name}: {own or 'the default limit'}")
