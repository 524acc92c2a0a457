import subprocess


class Job:
    def __init__(self, command):
        self.command = command
        self.attempts = 0

    def execute(self):
        self.attempts += 1
        return subprocess.run(self.command, shell=True)

    def log_line(self):
        return "attempt %d" % self.attempts


class CleanupJob(Job):
    def __init__(self):
        super().__init__("rm -rf /tmp/shop-cache")


QUEUE = []


def enqueue(job):
    QUEUE.append(job)


def run_all():
    for job in QUEUE:
        job.execute()


LAST_RUN = None


def run_all_and_record(clock):
    global LAST_RUN
    run_all()
    LAST_RUN = clock()
