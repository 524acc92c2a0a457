/*
 * progress.c: see progress.h. Redrawing is throttled to 10 per second so that a fast
 * run does not spend its time writing to the terminal.
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli/progress.h"

double
cli_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
format_eta(double seconds, char *buf, size_t size)
{
	long		s = (long) (seconds + 0.5);

	snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

static void
draw(Progress *p, bool final)
{
	double		elapsed = cli_now() - p->started;
	double		rate = elapsed > 0 ? p->done / elapsed : 0;
	char		eta[32] = "-";

	if (rate > 0 && p->done < p->total)
		format_eta((p->total - p->done) / rate, eta, sizeof(eta));
	if (p->tty)
	{
		int			width = 30;
		int			filled = p->total > 0 ? (int) (width * p->done / p->total) : width;
		char		bar[31];

		for (int i = 0; i < width; i++)
			bar[i] = i < filled ? '#' : '.';
		bar[width] = '\0';
		fprintf(stderr, "\r%-8s [%s] %ld/%ld files  %.1f files/s  ETA %s \033[K",
				p->label, bar, p->done, p->total, rate, eta);
		if (final)
			fputc('\n', stderr);
	}
	else
		fprintf(stderr, "%s: %ld/%ld files (%.1f files/s, %.1f s)\n",
				p->label, p->done, p->total, rate, elapsed);
	fflush(stderr);
	p->last_drawn = cli_now();
	p->last_reported = p->done;
}

void
progress_start(Progress *p, const char *label, long total, bool quiet)
{
	p->label = label;
	p->total = total;
	p->done = 0;
	p->started = cli_now();
	p->last_drawn = p->started;
	p->last_reported = -1;
	p->tty = isatty(STDERR_FILENO);
	p->quiet = quiet;
}

void
progress_add(Progress *p, long n)
{
	double		now;

	p->done += n;
	if (p->quiet || p->done >= p->total)
		return;
	now = cli_now();
	if (p->tty ? now - p->last_drawn >= 0.1
		: now - p->last_drawn >= 5 || (p->done - p->last_reported >= p->total / 10 + 1 && now - p->last_drawn >= 1))
		draw(p, false);
}

void
progress_end(Progress *p)
{
	if (!p->quiet && p->total > 0)
		draw(p, true);
}
