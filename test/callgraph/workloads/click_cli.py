"""Workload for test/callgraph/project_recall.py: A click group run by CliRunner: options and types, prompts, confirmation and version options, env vars, a multi-command, completion."""
import click
from click.testing import CliRunner
@click.group()
@click.option("--debug/--no-debug", default=False)
@click.pass_context
def cli(ctx, debug):
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
@cli.command()
@click.argument("names", nargs=-1)
@click.option("--count", type=int, default=1, show_default=True)
@click.option("--color", type=click.Choice(["r", "g"]), default="r")
@click.option("--path", type=click.Path())
@click.option("--when", type=click.DateTime())
@click.option("--rng", type=click.IntRange(0, 5), default=1)
@click.option("--flag", is_flag=True)
@click.option("--multi", multiple=True)
@click.option("--pw", prompt=True, hide_input=True, default="x")
@click.pass_obj
def hello(obj, names, count, color, path, when, rng, flag, multi, pw):
    """Say hello."""
    for n in names:
        click.echo(click.style(f"hi {n} {count} {color}", fg="green"))
    click.secho("done", bold=True)
    if flag:
        raise click.UsageError("bad")
@cli.command()
@click.argument("src", type=click.File("r"))
def cat(src):
    click.echo(src.read())
@cli.group()
def sub():
    pass
@sub.command()
@click.confirmation_option(prompt="sure?")
def drop():
    click.echo("dropped")
@cli.command()
@click.version_option("1.0")
def ver():
    pass
class Cmd(click.MultiCommand):
    def list_commands(self, ctx):
        return ["x"]
    def get_command(self, ctx, name):
        return click.Command(name, callback=lambda: click.echo("x"))
r = CliRunner()
for args in (["hello", "a", "b", "--count", "2", "--color", "g", "--when", "2020-01-01", "--rng", "3", "--multi", "1", "--multi", "2"],
             ["--help"], ["hello", "--help"], ["hello", "--flag"], ["hello", "--count", "x"], ["sub", "drop", "--yes"], ["sub", "drop"],
             ["ver", "--version"], ["nosuch"], ["cat", "-"]):
    res = r.invoke(cli, args, input="hello\n")
    print(args, res.exit_code, res.output[:60])
print(r.invoke(Cmd(), ["x"]).output)
print(click.format_filename(b"a"), click.unstyle(click.style("q", fg="red")))
print(click.wrap_text("a " * 50, 20))
@click.command(context_settings=dict(auto_envvar_prefix="APP"))
@click.option("--user", envvar="USER_X")
def env(user):
    click.echo(user)
print(r.invoke(env, [], env={"USER_X": "me"}).output)
from click.shell_completion import ShellComplete
print([c.value for c in cli.shell_complete(click.Context(cli), "h")])
