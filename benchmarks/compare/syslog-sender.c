/* Sends COUNT RFC 3164 datagrams (as nginx's access_log syslog: writes them) from one UDP socket, cycling
 * through the lines of LINES_FILE, 64 per sendmmsg call, as fast as it can or until DEADLINE seconds pass.
 * Prints "sent seconds". Usage: syslog-sender HOST PORT COUNT LINES_FILE DEADLINE */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAX_LINES 100000

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: %s HOST PORT COUNT LINES_FILE DEADLINE\n", argv[0]);
    return 2;
  }
  long count = atol(argv[3]);
  double deadline = atof(argv[5]);
  FILE *f = fopen(argv[4], "r");
  if (!f) { perror(argv[4]); return 1; }
  static struct iovec lines[MAX_LINES];
  int n = 0;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  const char *header = "<190>Dec  3 04:00:00 host nginx: ";
  size_t header_len = strlen(header);
  while (n < MAX_LINES && (len = getline(&line, &cap, f)) > 0) {
    while (len > 0 && line[len - 1] == '\n') len--;
    if (len == 0) continue;
    char *message = malloc(header_len + len);
    memcpy(message, header, header_len);
    memcpy(message + header_len, line, len);
    lines[n].iov_base = message;
    lines[n].iov_len = header_len + len;
    n++;
  }
  fclose(f);
  if (n == 0) { fprintf(stderr, "%s: no lines\n", argv[4]); return 1; }

  int sock = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[2]))};
  if (inet_pton(AF_INET, argv[1], &to.sin_addr) != 1 || connect(sock, (struct sockaddr *)&to, sizeof to) != 0) {
    perror(argv[1]);
    return 1;
  }
  struct mmsghdr batch[BATCH];
  memset(batch, 0, sizeof batch);
  long sent = 0;
  int next = 0;
  double start = now(), stop_at = start + deadline;
  while (sent < count) {
    int k = count - sent < BATCH ? (int)(count - sent) : BATCH;
    for (int i = 0; i < k; i++) {
      batch[i].msg_hdr.msg_iov = &lines[next];
      batch[i].msg_hdr.msg_iovlen = 1;
      next = next + 1 == n ? 0 : next + 1;
    }
    int done = sendmmsg(sock, batch, k, 0);
    if (done < 0) { perror("sendmmsg"); return 1; }
    sent += done;
    next = (next - (k - done) + n) % n;
    if ((sent & 0xffff) < BATCH && now() > stop_at) break;
  }
  printf("%ld %.3f\n", sent, now() - start);
  return 0;
}
