/*
 * progress.h: progress reporting of the client on stderr: a redrawn bar with files/s
 * and ETA on a terminal, plain lines (about every 10% or 5 s) otherwise.
 */
#ifndef CODECPG_CLI_PROGRESS_H
#define CODECPG_CLI_PROGRESS_H

#include <stdbool.h>

typedef struct Progress
{
	const char *label;
	long		total;
	long		done;
	double		started;		/* seconds */
	double		last_drawn;
	long		last_reported;
	bool		tty;
	bool		quiet;
} Progress;

extern double cli_now(void);
extern void progress_start(Progress *p, const char *label, long total, bool quiet);
extern void progress_add(Progress *p, long n);
extern void progress_end(Progress *p);

#endif
