JOBS = []


def register(job):
    JOBS.append(job)


def register_defaults():
    register("cleanup")
