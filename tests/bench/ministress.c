/* ministress: raw load generator for minispike (or any Aerospike server).
 * One thread, poll() over C connections, each keeping D requests in flight
 * (pipelined), requests encoded once with the codec's encoders, replies
 * counted with its frame reader. Prints throughput on one line.
 *
 *   ministress -p PORT [-h 127.0.0.1] [-c CONNS] [-d DEPTH] [-t SECONDS]
 *              [-o get|put] [-k KEYS]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "codec/encode.h"
#include "codec/msg.h"
#include "codec/proto.h"
#include "codec/reader.h"

typedef struct sconn {
	int fd;
	as_reader r;
	uint32_t in_flight;
	uint32_t next_key;
} sconn;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int open_conn(const char *host, int port)
{
	struct sockaddr_in sa;
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	inet_pton(AF_INET, host, &sa.sin_addr);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		perror("ministress: connect");
		exit(1);
	}
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

/* Requests for keys 0..n-1, one frame each; offs[i] is where frame i starts. */
static void build_requests(as_buffer *b, size_t *offs, uint32_t n, int put)
{
	as_policy_read rp;
	as_policy_write wp;
	as_error err;

	as_policy_read_init(&rp);
	as_policy_write_init(&wp);
	for (uint32_t i = 0; i < n; i++) {
		as_key k;
		char name[32];

		snprintf(name, sizeof(name), "stress-%u", i);
		as_key_init_str(&k, "test", "stress", name, &err);
		offs[i] = b->len;
		if (put) {
			as_record *rec = as_record_new(2);

			as_record_set_int(rec, "i", i);
			as_record_set_str(rec, "s", "a small string value of some bytes");
			if (as_encode_put(b, &wp, &k, rec, &err) != AEROSPIKE_OK)
				exit(1);
			as_record_destroy(rec);
		} else if (as_encode_get(b, &rp, &k, NULL, 0, &err) != AEROSPIKE_OK) {
			exit(1);
		}
	}
	offs[n] = b->len;
}

static void send_all(int fd, const uint8_t *p, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			perror("ministress: send");
			exit(1);
		}
		p += n;
		len -= (size_t)n;
	}
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1", *opname = "get";
	int port = 3000, conns = 1, depth = 64, seconds = 3, opt;
	uint32_t keys = 10000;
	as_buffer reqs, batch, prefill;
	size_t *offs;
	sconn *cs;
	struct pollfd *pfds;
	uint64_t done = 0, errors = 0;
	double t0, t1;

	while ((opt = getopt(argc, argv, "h:p:c:d:t:o:k:")) != -1) {
		switch (opt) {
		case 'h': host = optarg; break;
		case 'p': port = atoi(optarg); break;
		case 'c': conns = atoi(optarg); break;
		case 'd': depth = atoi(optarg); break;
		case 't': seconds = atoi(optarg); break;
		case 'o': opname = optarg; break;
		case 'k': keys = (uint32_t)atoi(optarg); break;
		default:
			fprintf(stderr, "usage: ministress -p PORT [-h HOST] [-c CONNS] [-d DEPTH] [-t SECONDS] "
			        "[-o get|put] [-k KEYS]\n");
			return 2;
		}
	}
	if (conns < 1 || depth < 1 || keys < 1 || seconds < 1)
		return 2;
	int put = strcmp(opname, "put") == 0;

	as_buffer_init(&reqs);
	as_buffer_init(&batch);
	as_buffer_init(&prefill);
	offs = calloc(keys + 1, sizeof(*offs));
	build_requests(&reqs, offs, keys, put);
	if (!put) {
		/* make the gets hit: write every key once */
		size_t *poffs = calloc(keys + 1, sizeof(*poffs));
		int fd = open_conn(host, port);
		as_reader r;
		as_frame f;
		as_error err;
		uint32_t got = 0;

		build_requests(&prefill, poffs, keys, 1);
		send_all(fd, prefill.data, prefill.len);
		as_reader_init(&r);
		while (got < keys) {
			size_t avail;
			uint8_t *p = as_reader_space(&r, 65536, &avail);
			ssize_t n = recv(fd, p, avail, 0);

			if (n <= 0)
				exit(1);
			as_reader_commit(&r, (size_t)n);
			while (as_reader_next(&r, &f, &err) == 1)
				got++;
		}
		as_reader_free(&r);
		close(fd);
		free(poffs);
	}

	cs = calloc((size_t)conns, sizeof(*cs));
	pfds = calloc((size_t)conns, sizeof(*pfds));
	for (int i = 0; i < conns; i++) {
		cs[i].fd = open_conn(host, port);
		as_reader_init(&cs[i].r);
		cs[i].next_key = (uint32_t)i * 7919u % keys;
		pfds[i].fd = cs[i].fd;
		pfds[i].events = POLLIN;
	}
	t0 = now_s();
	t1 = t0 + seconds;
	for (;;) {
		double t = now_s();

		/* top every connection up to depth, one send each */
		for (int i = 0; i < conns && t < t1; i++) {
			sconn *c = &cs[i];

			batch.len = 0;
			while (c->in_flight < (uint32_t)depth) {
				uint32_t k = c->next_key;

				as_buffer_append(&batch, reqs.data + offs[k], offs[k + 1] - offs[k]);
				c->next_key = (k + 1) % keys;
				c->in_flight++;
			}
			if (batch.len > 0)
				send_all(c->fd, batch.data, batch.len);
		}
		int busy = 0;
		for (int i = 0; i < conns; i++)
			busy += cs[i].in_flight > 0;
		if (t >= t1 && busy == 0)
			break;
		if (poll(pfds, (nfds_t)conns, 1000) <= 0)
			continue;
		for (int i = 0; i < conns; i++) {
			sconn *c = &cs[i];
			as_frame f;
			as_error err;
			size_t avail;
			uint8_t *p;
			ssize_t n;

			if (!(pfds[i].revents & POLLIN))
				continue;
			p = as_reader_space(&c->r, 65536, &avail);
			n = recv(c->fd, p, avail, 0);
			if (n <= 0) {
				fprintf(stderr, "ministress: connection lost\n");
				return 1;
			}
			as_reader_commit(&c->r, (size_t)n);
			while (as_reader_next(&c->r, &f, &err) == 1) {
				if (f.len >= AS_MSG_HEADER_SIZE && f.body[5] != 0)
					errors++;
				c->in_flight--;
				done++;
			}
		}
	}
	double elapsed = now_s() - t0;

	printf("op=%s conns=%d depth=%d ops=%llu errors=%llu seconds=%.2f ops_per_sec=%.0f\n", opname,
	       conns, depth, (unsigned long long)done, (unsigned long long)errors, elapsed,
	       (double)done / elapsed);
	for (int i = 0; i < conns; i++) {
		close(cs[i].fd);
		as_reader_free(&cs[i].r);
	}
	free(cs);
	free(pfds);
	free(offs);
	as_buffer_free(&reqs);
	as_buffer_free(&batch);
	as_buffer_free(&prefill);
	return 0;
}
