/*
 * Open-loop load generator, native build of bench/open-loop.ts (same arguments' meaning, same
 * JSON result): requests go out at evenly spaced scheduled times (a timerfd armed at each one's
 * time, to a few microseconds), whether or not earlier ones have answered, and each latency
 * counts from the request's scheduled time. The Node generator spends ~100 us of CPU per request
 * on the two cores it shares with the engine under test; this spends a few, in write/read calls.
 *
 * usage: open-loop HOST PORT PATH RATE DURATION WARMUP CONNECTIONS GRACE
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

enum { HEAD, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, UNTIL_CLOSE };
enum { MAX_HEAD = 16384, MAX_LINE = 256, TIMER_SLOT = 0xffffffffu };

typedef struct {
  int fd;
  uint32_t generation;
  int connecting;
  long current; /* sequence number in flight, or -1 */
  int state;
  long remaining;
  int status;
  int closes;
  int head_len;
  int line_len;
  char head[MAX_HEAD];
  char line[MAX_LINE];
} Conn;

static struct sockaddr_in address;
static char request[2048];
static size_t request_len;
static long total, uncounted, sent, done_count, ok_count, errors, non2xx, waiting_head, waiting_len;
static long *waiting;
static int max_conns, open_conns, idle_len, epfd, timer_fd, finishing;
static Conn **conns;
static int *idle;
static double *latencies;
static double start, interval, grace_ms;

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void arm(double at_ms) {
  struct itimerspec spec = {0};
  if (at_ms < 0.001) at_ms = 0.001; /* zero would disarm the timer */
  spec.it_value.tv_sec = (time_t)(at_ms / 1e3);
  spec.it_value.tv_nsec = (long)((at_ms - (double)spec.it_value.tv_sec * 1e3) * 1e6);
  timerfd_settime(timer_fd, TFD_TIMER_ABSTIME, &spec, NULL);
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double at(double q) {
  if (ok_count == 0) return 0;
  long i = (long)(q * (double)ok_count);
  return latencies[i < ok_count - 1 ? i : ok_count - 1];
}

static void report(void) {
  double seconds = (now_ms() - (start + (double)uncounted * interval)) / 1e3, sum = 0;
  qsort(latencies, (size_t)ok_count, sizeof(double), compare);
  for (long i = 0; i < ok_count; i++) sum += latencies[i];
  printf("{\"rps\":%.17g,\"total\":%ld,\"errors\":%ld,\"non2xx\":%ld,\"p50\":%.17g,\"p90\":%.17g,"
         "\"p99\":%.17g,\"mean\":%.17g,\"seconds\":%.17g}\n",
         (double)ok_count / seconds, total - uncounted, errors, non2xx, at(0.5), at(0.9), at(0.99),
         ok_count ? sum / (double)ok_count : 0, seconds);
  fflush(stdout);
  exit(0);
}

static void settled(void) {
  if (++done_count == total) report();
}

static void send_on(int slot, long sequence);
static void open_conn(long sequence);

/* The connection is gone: its request (if any) failed; a queued request gets a new connection. */
static void fail(int slot) {
  Conn *c = conns[slot];
  if (c->fd < 0) return;
  close(c->fd);
  c->fd = -1;
  open_conns--;
  for (int i = 0; i < idle_len; i++)
    if (idle[i] == slot) {
      idle[i] = idle[--idle_len];
      break;
    }
  if (c->current >= 0) {
    if (c->current >= uncounted) errors++;
    c->current = -1;
    settled();
  }
  if (waiting_head < waiting_len && done_count < total) open_conn(waiting[waiting_head++]);
}

static void release(int slot) {
  if (waiting_head < waiting_len) send_on(slot, waiting[waiting_head++]);
  else idle[idle_len++] = slot;
}

static void answered(int slot) {
  Conn *c = conns[slot];
  long sequence = c->current;
  c->current = -1;
  c->state = HEAD;
  if (sequence >= uncounted) {
    if (c->status >= 200 && c->status < 300)
      latencies[ok_count++] = now_ms() - (start + (double)sequence * interval);
    else
      non2xx++;
  }
  if (c->closes) fail(slot);
  else release(slot);
  settled();
}

static void send_on(int slot, long sequence) {
  Conn *c = conns[slot];
  c->current = sequence;
  if (c->connecting) return; /* sent once the connection is established */
  if (write(c->fd, request, request_len) != (ssize_t)request_len) fail(slot);
}

static void open_conn(long sequence) {
  int slot = -1;
  for (int i = 0; i < max_conns; i++)
    if (conns[i]->fd < 0) {
      slot = i;
      break;
    }
  Conn *c = conns[slot];
  c->generation++;
  c->state = HEAD;
  c->head_len = c->line_len = 0;
  c->current = sequence;
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  open_conns++;
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  int r = connect(c->fd, (struct sockaddr *)&address, sizeof address);
  c->connecting = r < 0 && errno == EINPROGRESS;
  struct epoll_event ev = {.events = EPOLLIN | (c->connecting ? EPOLLOUT : 0),
                           .data.u64 = ((uint64_t)c->generation << 32) | (uint32_t)slot};
  if ((r < 0 && !c->connecting) || epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev) < 0) {
    fail(slot);
    return;
  }
  if (!c->connecting) send_on(slot, sequence);
}

static void dispatch(long sequence) {
  if (idle_len > 0) send_on(idle[--idle_len], sequence);
  else if (open_conns < max_conns) open_conn(sequence);
  else waiting[waiting_len++] = sequence;
}

/* Parses a complete head (status line and fields, up to and including CRLFCRLF). */
static int start_body(Conn *c) {
  c->head[c->head_len] = 0;
  if (strncmp(c->head, "HTTP/1.", 7) != 0 || c->head_len < 12) return -1;
  c->status = atoi(c->head + 9);
  c->head_len = 0;
  if (c->status >= 100 && c->status < 200) return 0; /* interim response: the next head follows */
  c->closes = 0;
  long length = -1;
  int chunked = 0;
  for (char *line = strstr(c->head, "\r\n"); line && line[2] != '\r'; line = strstr(line + 2, "\r\n")) {
    char *field = line + 2;
    if (strncasecmp(field, "content-length:", 15) == 0) length = strtol(field + 15, NULL, 10);
    else if (strncasecmp(field, "transfer-encoding:", 18) == 0) {
      char *end = strstr(field, "\r\n");
      chunked = end && memmem(field, (size_t)(end - field), "chunked", 7) != NULL;
    } else if (strncasecmp(field, "connection:", 11) == 0) {
      char *end = strstr(field, "\r\n");
      c->closes = end && memmem(field, (size_t)(end - field), "close", 5) != NULL;
    }
  }
  if (c->status == 204 || c->status == 304) return 1;
  if (chunked) c->state = CHUNK_SIZE;
  else if (length >= 0) {
    c->remaining = length;
    c->state = LENGTH;
    if (length == 0) return 1;
  } else c->state = UNTIL_CLOSE;
  return 0;
}

/* Feeds bytes read from a connection; -1 on bytes that are not HTTP/1.1. Stops once it closes. */
static int feed(int slot, const char *data, long n) {
  Conn *c = conns[slot];
  uint32_t generation = c->generation; /* a failed connection's slot may be reused at once */
  long i = 0;
  while (i < n && c->fd >= 0 && c->generation == generation) {
    switch (c->state) {
    case HEAD:
      while (i < n) {
        if (c->head_len >= MAX_HEAD - 1) return -1;
        c->head[c->head_len++] = data[i++];
        if (c->head_len >= 4 && memcmp(c->head + c->head_len - 4, "\r\n\r\n", 4) == 0) {
          int r = start_body(c);
          if (r < 0) return -1;
          if (r == 1) answered(slot);
          break;
        }
      }
      break;
    case LENGTH:
    case CHUNK_DATA:
    case CHUNK_DATA_END: {
      long take = c->remaining < n - i ? c->remaining : n - i;
      i += take;
      c->remaining -= take;
      if (c->remaining > 0) break;
      if (c->state == LENGTH) answered(slot);
      else if (c->state == CHUNK_DATA) {
        c->state = CHUNK_DATA_END;
        c->remaining = 2;
      } else c->state = CHUNK_SIZE;
      break;
    }
    case CHUNK_SIZE:
    case TRAILERS: {
      char ch = data[i++];
      if (c->line_len >= MAX_LINE - 1) return -1;
      c->line[c->line_len++] = ch;
      if (ch != '\n') break;
      c->line[c->line_len] = 0;
      int blank = c->line_len <= 2;
      c->line_len = 0;
      if (c->state == TRAILERS) {
        if (blank) answered(slot);
        break;
      }
      char *end;
      long size = strtol(c->line, &end, 16);
      if (end == c->line) return -1;
      if (size == 0) c->state = TRAILERS;
      else {
        c->remaining = size;
        c->state = CHUNK_DATA;
      }
      break;
    }
    case UNTIL_CLOSE:
      return 0;
    }
  }
  return 0;
}

static void readable(int slot) {
  static char buffer[65536];
  Conn *c = conns[slot];
  uint32_t generation = c->generation;
  for (;;) {
    ssize_t n = read(c->fd, buffer, sizeof buffer);
    if (n > 0) {
      if (feed(slot, buffer, n) < 0) {
        fail(slot);
        return;
      }
      if (c->fd < 0 || c->generation != generation) return;
      continue;
    }
    if (n < 0 && errno == EAGAIN) return;
    if (n == 0 && c->state == UNTIL_CLOSE) {
      c->closes = 1;
      answered(slot);
    }
    fail(slot);
    return;
  }
}

static void established(int slot) {
  Conn *c = conns[slot];
  int error = 0;
  socklen_t size = sizeof error;
  getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &size);
  struct epoll_event ev = {.events = EPOLLIN,
                           .data.u64 = ((uint64_t)c->generation << 32) | (uint32_t)slot};
  if (error != 0 || epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev) < 0) {
    fail(slot);
    return;
  }
  c->connecting = 0;
  if (c->current >= 0) send_on(slot, c->current);
}

/* The timer: every request whose time has come goes out; after the last, the grace period ends. */
static void due(void) {
  uint64_t expirations;
  if (read(timer_fd, &expirations, sizeof expirations) < 0 && errno == EAGAIN) return;
  if (finishing) {
    /* a target that never answers must not hold the run: what is still out counts as errors */
    errors += total - uncounted - (ok_count + non2xx + errors);
    report();
  }
  double now = now_ms();
  while (sent < total && start + (double)sent * interval <= now) dispatch(sent++);
  if (sent < total) arm(start + (double)sent * interval);
  else {
    finishing = 1;
    arm(now + grace_ms);
  }
}

int main(int argc, char **argv) {
  if (argc != 9) {
    fprintf(stderr, "usage: open-loop HOST PORT PATH RATE DURATION WARMUP CONNECTIONS GRACE\n");
    return 2;
  }
  double rate = atof(argv[4]);
  address.sin_family = AF_INET;
  address.sin_port = htons((uint16_t)atoi(argv[2]));
  if (inet_pton(AF_INET, argv[1], &address.sin_addr) != 1 || rate <= 0) {
    fprintf(stderr, "open-loop: needs an IPv4 address and a positive rate\n");
    return 2;
  }
  request_len = (size_t)snprintf(request, sizeof request,
                                 "GET %s HTTP/1.1\r\nHost: %s:%s\r\nAccept: */*\r\n\r\n", argv[3],
                                 argv[1], argv[2]);
  interval = 1000 / rate;
  uncounted = (long)(rate * atof(argv[6]) + 0.5);
  total = uncounted + (long)(rate * atof(argv[5]) + 0.5);
  max_conns = atoi(argv[7]);
  grace_ms = atof(argv[8]) * 1000;
  latencies = calloc((size_t)(total - uncounted + 1), sizeof(double));
  waiting = calloc((size_t)total + 1, sizeof(long));
  idle = calloc((size_t)max_conns, sizeof(int));
  conns = calloc((size_t)max_conns, sizeof(Conn *));
  for (int i = 0; i < max_conns; i++) {
    conns[i] = calloc(1, sizeof(Conn));
    conns[i]->fd = -1;
  }
  prctl(PR_SET_TIMERSLACK, 1UL); /* wake at the scheduled time, not up to 50 us later */
  epfd = epoll_create1(EPOLL_CLOEXEC);
  timer_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  struct epoll_event tev = {.events = EPOLLIN, .data.u64 = TIMER_SLOT};
  epoll_ctl(epfd, EPOLL_CTL_ADD, timer_fd, &tev);
  start = now_ms() + 20;
  arm(start);
  struct epoll_event events[128];
  for (;;) {
    int n = epoll_wait(epfd, events, 128, -1);
    for (int k = 0; k < n; k++) {
      uint64_t data = events[k].data.u64;
      if (data == TIMER_SLOT) {
        due();
        continue;
      }
      int slot = (int)(uint32_t)data;
      Conn *c = conns[slot];
      if (c->fd < 0 || c->generation != (uint32_t)(data >> 32)) continue; /* closed in this batch */
      if (c->connecting) established(slot);
      else readable(slot);
    }
  }
}
