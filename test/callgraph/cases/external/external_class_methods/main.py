"""An external class instantiated and used: methods of external objects are not edges."""
import logging
import pathlib


def setup_logging(name):
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    return logger


def config_dir():
    base = pathlib.Path("/etc")
    return base.joinpath("app").as_posix()


setup_logging("app").info("ready")
config_dir()
