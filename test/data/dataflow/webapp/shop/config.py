import os

REPORT_DIR = "/srv/shop/reports"
DATABASE = os.path.join(REPORT_DIR, "shop.db")
BACKUP_COMMAND = "tar czf /srv/backup/shop.tgz " + REPORT_DIR
