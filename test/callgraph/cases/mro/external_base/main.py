"""A project class whose MRO reaches an external base before any project definition."""
import threading


class Worker(threading.Thread):
    def __init__(self, jobs):
        super().__init__(daemon=True)
        self.jobs = jobs

    def run(self):
        for job in self.jobs:
            job()


def job():
    return 1


class Collector(dict):
    def add(self, key):
        self.setdefault(key, 0)
        self[key] += 1


w = Worker([job])
w.start()
w.join()
c = Collector()
c.add("x")
