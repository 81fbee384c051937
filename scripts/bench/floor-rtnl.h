// floor.c's rtnetlink requests: built into one buffer per socket, sent by one sendmsg, each
// acknowledged. The kernel handles a buffer's messages in order, so a later request may use what an
// earlier one made. Numbers are Linux's uapi (netlink.h, rtnetlink.h).
#ifndef FLOOR_RTNL_H
#define FLOOR_RTNL_H

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define RTNL_BATCH_BYTES 8192
#define RTNL_REPLY_BYTES 65536
#define RTNL_MAX_REQUESTS 16

struct rtnl_batch {
    int sock;
    uint32_t seq;
    size_t len;
    int pending;
    char buf[RTNL_BATCH_BYTES] __attribute__((aligned(NLMSG_ALIGNTO)));
};

/** Why a batch failed: the request refused (0-based in the batch; -1: the socket failed), errno, text. */
struct rtnl_refusal {
    int request;
    int error;
    char text[256];
};

/** A NETLINK_ROUTE socket in the calling thread's network namespace, acks short and with reasons. */
static int rtnl_open(struct rtnl_batch *b) {
    *b = (struct rtnl_batch){0};
    b->sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (b->sock < 0)
        return -1;
    int on = 1;
    setsockopt(b->sock, SOL_NETLINK, NETLINK_CAP_ACK, &on, sizeof on);
    setsockopt(b->sock, SOL_NETLINK, NETLINK_EXT_ACK, &on, sizeof on);
    return 0;
}

/** The buffers are sized for the floor's few requests per namespace: running out is a bug. */
static void rtnl_room(const struct rtnl_batch *b, size_t start, size_t need) {
    if (start + need > sizeof b->buf || b->pending == RTNL_MAX_REQUESTS) {
        fputs("floor: rtnetlink batch buffer too small\n", stderr);
        abort();
    }
}

static struct nlmsghdr *rtnl_request(struct rtnl_batch *b, uint16_t type, uint16_t flags, const void *header,
                                     size_t header_len) {
    size_t start = NLMSG_ALIGN(b->len);
    rtnl_room(b, start, NLMSG_SPACE(header_len));
    struct nlmsghdr *h = (struct nlmsghdr *)(b->buf + start);
    memset(h, 0, NLMSG_SPACE(header_len));
    h->nlmsg_len = NLMSG_LENGTH(header_len);
    h->nlmsg_type = type;
    h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
    h->nlmsg_seq = ++b->seq;
    memcpy(NLMSG_DATA(h), header, header_len);
    b->len = start + h->nlmsg_len;
    b->pending++;
    return h;
}

/** An attribute of request `h`; with no data, the start of a nest that rtnl_nest_end closes. */
static struct rtattr *rtnl_attr(struct rtnl_batch *b, struct nlmsghdr *h, uint16_t type, const void *data,
                                size_t len) {
    size_t start = NLMSG_ALIGN(b->len);
    rtnl_room(b, start, RTA_SPACE(len));
    struct rtattr *a = (struct rtattr *)(b->buf + start);
    memset(a, 0, RTA_SPACE(len));
    a->rta_type = type;
    a->rta_len = RTA_LENGTH(len);
    if (len > 0)
        memcpy(RTA_DATA(a), data, len);
    b->len = start + RTA_ALIGN(a->rta_len);
    h->nlmsg_len = (uint32_t)(b->len - (size_t)((char *)h - b->buf));
    return a;
}

static void rtnl_attr_str(struct rtnl_batch *b, struct nlmsghdr *h, uint16_t type, const char *s) {
    rtnl_attr(b, h, type, s, strlen(s) + 1);
}

static void rtnl_attr_u32(struct rtnl_batch *b, struct nlmsghdr *h, uint16_t type, uint32_t v) {
    rtnl_attr(b, h, type, &v, sizeof v);
}

static void rtnl_nest_end(struct rtnl_batch *b, struct rtattr *nest) {
    nest->rta_len = (unsigned short)(b->buf + b->len - (char *)nest);
}

/** The extended ack's message, if any: with NETLINK_CAP_ACK its TLVs follow the nlmsgerr directly. */
static void rtnl_ack_text(const struct nlmsghdr *h, char *out, size_t size) {
    out[0] = '\0';
    if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
        return;
    size_t offset = NLMSG_HDRLEN + sizeof(struct nlmsgerr);
    while (offset + NLA_HDRLEN <= h->nlmsg_len) {
        const struct nlattr *a = (const void *)((const char *)h + offset);
        if (a->nla_len < NLA_HDRLEN || offset + a->nla_len > h->nlmsg_len)
            return;
        if (a->nla_type == NLMSGERR_ATTR_MSG) {
            snprintf(out, size, "%.*s", (int)(a->nla_len - NLA_HDRLEN), (const char *)a + NLA_HDRLEN);
            return;
        }
        offset += NLA_ALIGN(a->nla_len);
    }
}

/** Sends what is pending and reads every acknowledgement: 0, or -1 with `why` filled in. */
static int rtnl_send(struct rtnl_batch *b, struct rtnl_refusal *why) {
    static char reply[RTNL_REPLY_BYTES] __attribute__((aligned(NLMSG_ALIGNTO)));
    int pending = b->pending;
    uint32_t first = b->seq - (uint32_t)pending + 1;
    size_t len = b->len;
    b->len = 0;
    b->pending = 0;
    *why = (struct rtnl_refusal){.request = -1};
    if (pending == 0)
        return 0;
    if (send(b->sock, b->buf, len, 0) != (ssize_t)len) {
        why->error = errno;
        return -1;
    }
    for (int acked = 0; acked < pending;) {
        ssize_t got = recv(b->sock, reply, sizeof reply, 0);
        if (got < 0) {
            why->error = errno;
            return -1;
        }
        int left = (int)got;
        for (const struct nlmsghdr *h = (const void *)reply; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
            if (h->nlmsg_type != NLMSG_ERROR)
                continue;
            const struct nlmsgerr *e = NLMSG_DATA(h);
            if (e->error != 0) {
                why->request = (int)(h->nlmsg_seq - first);
                why->error = -e->error;
                rtnl_ack_text(h, why->text, sizeof why->text);
                return -1;
            }
            acked++;
        }
    }
    return 0;
}

#endif
