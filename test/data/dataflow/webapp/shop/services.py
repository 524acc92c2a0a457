import os
import shlex

from shop import config
from shop.util import title_case


def build_command(title):
    return f"generate-report --title '{title_case(title)}'"


def make_report(title):
    command = build_command(title)
    os.system(command)


def archive():
    os.system(config.BACKUP_COMMAND)


def ping(host):
    os.system("ping -c 1 " + shlex.quote(host))


def run_job(job):
    return job.execute()
