// The floor: the bench's chain of N built with nothing but the kernel's own interfaces, in one
// process. It makes exactly the lab netl makes for the bench's chain script (run.mjs checks the two
// kernel states are equal before this one's time counts):
//   - namespaces PREFIX-n0 … PREFIX-n(N-1), made as `ip netns add` makes them: unshare(CLONE_NEWNET)
//     and a bind mount of the namespace onto an empty file in /run/netns, a shared mount; each name a
//     link to one file made in no folder (O_TMPFILE), as netl's maker links them, not a file of its own
//     (a new file a name was most of a namespace's cost where /run is ext4 with no journal);
//   - in each, lo up and net.ipv6.conf.default.accept_dad=0; in the routers n1 … n(N-2) also
//     net.ipv4.ip_forward=1 and net.ipv6.conf.all.forwarding=1 (written before any veth exists, as
//     netl does, so the veths inherit them);
//   - link i: a veth pair, n(i)'s end (eth0 in n0, eth1 elsewhere) and n(i+1)'s eth0, each end put in
//     its namespace by the one RTM_NEWLINK that makes both, the first end up as it is made, the peer
//     by a request of its own (a veth cannot open before its pair is complete: ENOTCONN); n(i) has
//     10.a.b.1/24 and n(i+1) 10.a.b.2/24 on 10.(i/256).(i%256).0/24;
//   - routes: every node but the last a default route to the right, the last a default route to the
//     left, and every node from n2 on 10.0.0.0/24 to the left (main table, proto boot, with the device).
// The process unshares into each new namespace and stays there while it sets it up, so writing its
// /proc/sys needs no setns (/proc/sys/net is the namespace of the process that opens it) and its
// rtnetlink socket is made there. Requests to one namespace go in one sendmsg and are all acknowledged.
//
// Usage: floor build|teardown N PREFIX [--profile]
// teardown unmounts and unlinks each namespace file, as `ip netns del` does. A build that fails removes
// the namespaces it made. --profile prints on stderr where the time went, by kind of step (a build then
// sends each request on its own, to time it; a teardown unmounts all before it unlinks any).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/veth.h>
#include <sched.h>
#include <stdarg.h>
#include <stdbool.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "floor-rtnl.h"

#define NETNS_RUN_DIR "/run/netns"
#define SELF_NETNS "/proc/self/ns/net"
#define FD_PATH_MAX 32 // "/proc/self/fd/" and an int
#define LOOPBACK_IFINDEX 1
// A new namespace has lo only: its first veth end gets index 2, its second 3 (asked for explicitly, so
// no lookup by name is needed; the kernel refuses the request if an index is taken).
#define LEFT_IFINDEX 2  // eth0: the link to the left (n0's eth0 is its link to the right)
#define RIGHT_IFINDEX 3 // eth1: the link to the right, in n1 … n(N-2)
#define ADDR_PREFIXLEN 24
#define LEFTMOST_NET 0x0A000000u // 10.0.0.0/24, routed to the left from n2 on

enum step { STEP_NETNS, STEP_SYSCTL, STEP_SOCKET, STEP_LINK_UP, STEP_VETH, STEP_ADDR, STEP_ROUTE, STEP_COUNT };
static const char *const step_names[STEP_COUNT] = {
    "netns add (file, unshare, bind mount)", "sysctls", "rtnetlink socket", "link up", "veth pair (first end up)",
    "address", "route"};

/** What the build is doing: for --profile, and to roll back on failure. */
struct run {
    const char *prefix;
    int made; // namespaces made so far: n0 … n(made-1)
    bool profile;
    double seconds[STEP_COUNT];
    int counts[STEP_COUNT];
};

/** One namespace being set up: its fd (for IFLA_NET_NS_FD), its requests, their kinds. */
struct netns {
    int index;
    int fd;
    struct rtnl_batch rtnl;
    enum step kinds[RTNL_MAX_REQUESTS];
};

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static struct run *current_run;
static void teardown(const char *prefix, int count, bool quiet);

/** Prints the reason, removes what the build made, exits 1. */
static void fail(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("floor: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (current_run != NULL && current_run->made > 0)
        teardown(current_run->prefix, current_run->made, true);
    exit(1);
}

static void add_time(struct run *run, enum step kind, double since) {
    if (run->profile) {
        run->seconds[kind] += now() - since;
        run->counts[kind]++;
    }
}

static void netns_path(char *out, size_t size, const char *prefix, int i) {
    if ((size_t)snprintf(out, size, NETNS_RUN_DIR "/%s-n%d", prefix, i) >= size)
        fail("namespace name too long: %s-n%d", prefix, i);
}

// ---- requests, queued on a namespace's batch (under --profile, each sent on its own to be timed) ----

static struct nlmsghdr *request(struct netns *ns, enum step kind, uint16_t type, uint16_t flags, const void *header,
                                size_t header_len) {
    struct nlmsghdr *h = rtnl_request(&ns->rtnl, type, flags, header, header_len);
    ns->kinds[ns->rtnl.pending - 1] = kind;
    return h;
}

/** Sends what is queued; any refusal ends the build. */
static void flush(struct run *run, struct netns *ns) {
    if (ns->rtnl.pending == 0)
        return;
    double t = now();
    struct rtnl_refusal why;
    if (rtnl_send(&ns->rtnl, &why) != 0) {
        const char *what = why.request < 0 ? "rtnetlink" : step_names[ns->kinds[why.request]];
        fail("%s in n%d: %s%s%s", what, ns->index, strerror(why.error), why.text[0] ? ": " : "", why.text);
    }
    add_time(run, ns->kinds[0], t); // --profile sends one request at a time
}

static void queued(struct run *run, struct netns *ns) {
    if (run->profile)
        flush(run, ns);
}

static void link_up(struct run *run, struct netns *ns, int ifindex) {
    struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_index = ifindex, .ifi_flags = IFF_UP, .ifi_change = IFF_UP};
    request(ns, STEP_LINK_UP, RTM_NEWLINK, 0, &ifi, sizeof ifi);
    queued(run, ns);
}

/**
 * One veth pair, sent on the right namespace's socket: the left end (name, index) in `left`, up as it
 * is made, and the peer eth0 (index 2) in `right`, down until link_up.
 */
static void veth(struct run *run, struct netns *right, const struct netns *left, const char *left_name,
                 int left_ifindex) {
    struct rtnl_batch *b = &right->rtnl;
    struct ifinfomsg end = {.ifi_family = AF_UNSPEC, .ifi_index = left_ifindex, .ifi_flags = IFF_UP, .ifi_change = IFF_UP};
    struct nlmsghdr *h = request(right, STEP_VETH, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &end, sizeof end);
    rtnl_attr_str(b, h, IFLA_IFNAME, left_name);
    rtnl_attr_u32(b, h, IFLA_NET_NS_FD, (uint32_t)left->fd);
    struct rtattr *info = rtnl_attr(b, h, IFLA_LINKINFO, NULL, 0);
    rtnl_attr_str(b, h, IFLA_INFO_KIND, "veth");
    struct rtattr *data = rtnl_attr(b, h, IFLA_INFO_DATA, NULL, 0);
    struct ifinfomsg peer_end = {.ifi_family = AF_UNSPEC, .ifi_index = LEFT_IFINDEX};
    struct rtattr *peer = rtnl_attr(b, h, VETH_INFO_PEER, &peer_end, sizeof peer_end);
    rtnl_attr_str(b, h, IFLA_IFNAME, "eth0");
    rtnl_attr_u32(b, h, IFLA_NET_NS_FD, (uint32_t)right->fd);
    rtnl_nest_end(b, peer);
    rtnl_nest_end(b, data);
    rtnl_nest_end(b, info);
    queued(run, right);
}

/** The address of link `link`'s end `host` (1 on the left, 2 on the right), in network byte order. */
static uint32_t link_address(int link, int host) {
    return htonl(LEFTMOST_NET | (uint32_t)(link / 256) << 16 | (uint32_t)(link % 256) << 8 | (uint32_t)host);
}

static void address(struct run *run, struct netns *ns, int ifindex, int link, int host) {
    struct ifaddrmsg ifa = {.ifa_family = AF_INET, .ifa_prefixlen = ADDR_PREFIXLEN, .ifa_scope = RT_SCOPE_UNIVERSE,
                            .ifa_index = (uint32_t)ifindex};
    struct nlmsghdr *h = request(ns, STEP_ADDR, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &ifa, sizeof ifa);
    uint32_t a = link_address(link, host);
    rtnl_attr(&ns->rtnl, h, IFA_LOCAL, &a, sizeof a);
    rtnl_attr(&ns->rtnl, h, IFA_ADDRESS, &a, sizeof a);
    queued(run, ns);
}

/** A route as `ip route add DST via GW dev DEV` makes it; dst_len 0 is the default route. */
static void route(struct run *run, struct netns *ns, uint32_t dst, int dst_len, uint32_t gateway, int ifindex) {
    struct rtmsg rtm = {.rtm_family = AF_INET, .rtm_dst_len = (unsigned char)dst_len, .rtm_table = RT_TABLE_MAIN,
                        .rtm_protocol = RTPROT_BOOT, .rtm_scope = RT_SCOPE_UNIVERSE, .rtm_type = RTN_UNICAST};
    struct nlmsghdr *h = request(ns, STEP_ROUTE, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, &rtm, sizeof rtm);
    if (dst_len > 0) {
        uint32_t d = htonl(dst);
        rtnl_attr(&ns->rtnl, h, RTA_DST, &d, sizeof d);
    }
    rtnl_attr(&ns->rtnl, h, RTA_GATEWAY, &gateway, sizeof gateway);
    rtnl_attr_u32(&ns->rtnl, h, RTA_OIF, (uint32_t)ifindex);
    queued(run, ns);
}

// ---- namespaces ----

/** /run/netns as iproute2 leaves it: a directory that is a shared mount point (bound onto itself if need be). */
static void prepare_run_dir(void) {
    mkdir(NETNS_RUN_DIR, S_IRWXU | S_IRGRP | S_IXGRP | S_IROTH | S_IXOTH);
    if (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL) == 0)
        return;
    if (errno != EINVAL)
        fail("mount --make-shared " NETNS_RUN_DIR ": %s", strerror(errno));
    if (mount(NETNS_RUN_DIR, NETNS_RUN_DIR, "none", MS_BIND | MS_REC, NULL) != 0)
        fail("mount --bind " NETNS_RUN_DIR ": %s", strerror(errno));
    if (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL) != 0)
        fail("mount --make-shared " NETNS_RUN_DIR ": %s", strerror(errno));
}

static void write_sysctl(int i, const char *path, const char *value) {
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, value, strlen(value)) != (ssize_t)strlen(value))
        fail("%s in n%d: %s", path, i, strerror(errno));
    close(fd);
}

/** Makes n(i) as `ip netns add` does and enters it; then its sysctls, its socket and lo up. */
static void make_netns(struct run *run, struct netns *ns, int i, bool router) {
    char path[256];
    netns_path(path, sizeof path, run->prefix, i);
    double t = now();
    // The names' one file (ext4 takes 65 000 links to a file, more than the namespaces a machine holds).
    static int names_file = -1;
    if (names_file < 0 && (names_file = open(NETNS_RUN_DIR, O_TMPFILE | O_RDWR | O_CLOEXEC, 0)) < 0)
        fail("cannot make the names' file in %s: %s", NETNS_RUN_DIR, strerror(errno));
    char from[FD_PATH_MAX];
    snprintf(from, sizeof from, "/proc/self/fd/%d", names_file);
    if (linkat(AT_FDCWD, from, AT_FDCWD, path, AT_SYMLINK_FOLLOW) != 0)
        fail("cannot create namespace file %s: %s", path, strerror(errno));
    if (unshare(CLONE_NEWNET) != 0) {
        unlink(path);
        fail("unshare(CLONE_NEWNET) for %s: %s", path, strerror(errno));
    }
    if (mount(SELF_NETNS, path, "none", MS_BIND, NULL) != 0) {
        unlink(path);
        fail("bind %s -> %s: %s", SELF_NETNS, path, strerror(errno));
    }
    run->made = i + 1;
    add_time(run, STEP_NETNS, t);

    t = now();
    write_sysctl(i, "/proc/sys/net/ipv6/conf/default/accept_dad", "0");
    if (router) {
        write_sysctl(i, "/proc/sys/net/ipv4/ip_forward", "1");
        write_sysctl(i, "/proc/sys/net/ipv6/conf/all/forwarding", "1");
    }
    add_time(run, STEP_SYSCTL, t);

    t = now();
    ns->index = i;
    ns->fd = open(SELF_NETNS, O_RDONLY | O_CLOEXEC);
    if (ns->fd < 0 || rtnl_open(&ns->rtnl) != 0)
        fail("namespace fd or rtnetlink socket in n%d: %s", i, strerror(errno));
    add_time(run, STEP_SOCKET, t);

    link_up(run, ns, LOOPBACK_IFINDEX);
}

static void close_netns(struct netns *ns) {
    close(ns->rtnl.sock);
    close(ns->fd);
}

/** n(i)'s routes, once both its links exist: right (or left for the last) by default, 10.0.0.0/24 left. */
static void routes(struct run *run, struct netns *ns, int i, int n) {
    if (i < n - 1)
        route(run, ns, 0, 0, link_address(i, 2), i == 0 ? LEFT_IFINDEX : RIGHT_IFINDEX);
    else
        route(run, ns, 0, 0, link_address(i - 1, 1), LEFT_IFINDEX);
    if (i > 1)
        route(run, ns, LEFTMOST_NET, ADDR_PREFIXLEN, link_address(i - 1, 1), LEFT_IFINDEX);
}

static void build(struct run *run, int n) {
    static struct netns slots[2];
    struct netns *left = NULL;
    prepare_run_dir();
    for (int i = 0; i < n; i++) {
        struct netns *ns = &slots[i % 2];
        make_netns(run, ns, i, i > 0 && i < n - 1);
        if (left != NULL) {
            // Link i-1: the pair, the right end up with its address; then the left end's address and
            // the left node's routes on its own socket, after which the left node is complete.
            int left_ifindex = i - 1 == 0 ? LEFT_IFINDEX : RIGHT_IFINDEX;
            veth(run, ns, left, i - 1 == 0 ? "eth0" : "eth1", left_ifindex);
            link_up(run, ns, LEFT_IFINDEX);
            address(run, ns, LEFT_IFINDEX, i - 1, 2);
            flush(run, ns);
            address(run, left, left_ifindex, i - 1, 1);
            routes(run, left, i - 1, n);
            flush(run, left);
            close_netns(left);
        } else {
            flush(run, ns);
        }
        left = ns;
    }
    routes(run, left, n - 1, n);
    flush(run, left);
    close_netns(left);
}
/** Removes n0 … n(count-1) as `ip netns del` does: a lazy unmount, then the file. */
static void teardown(const char *prefix, int count, bool quiet) {
    int failed = 0;
    for (int i = 0; i < count; i++) {
        char path[256];
        netns_path(path, sizeof path, prefix, i);
        umount2(path, MNT_DETACH);
        if (unlink(path) != 0) {
            failed++;
            if (!quiet)
                fprintf(stderr, "floor: cannot remove %s: %s\n", path, strerror(errno));
        }
    }
    if (failed > 0 && !quiet)
        exit(1);
}

/** teardown --profile: the unmounts first, then the unlinks, each kind timed. */
static void teardown_profiled(const char *prefix, int count) {
    double t = now();
    for (int i = 0; i < count; i++) {
        char path[256];
        netns_path(path, sizeof path, prefix, i);
        if (umount2(path, MNT_DETACH) != 0)
            fprintf(stderr, "floor: cannot unmount %s: %s\n", path, strerror(errno));
    }
    double unmounted = now();
    teardown(prefix, count, false);
    double done = now();
    fprintf(stderr, "floor: teardown %.1f ms: %d unmounts %.1f ms, unlinks %.1f ms\n", (done - t) * 1e3, count,
            (unmounted - t) * 1e3, (done - unmounted) * 1e3);
}

static void print_profile(const struct run *run, double total) {
    fprintf(stderr, "floor: %.1f ms in all\n", total * 1e3);
    for (int k = 0; k < STEP_COUNT; k++)
        if (run->counts[k] > 0)
            fprintf(stderr, "  %-40s %5d × %7.1f us = %8.1f ms\n", step_names[k], run->counts[k],
                    run->seconds[k] * 1e6 / run->counts[k], run->seconds[k] * 1e3);
}

int main(int argc, char **argv) {
    bool profile = argc == 5 && strcmp(argv[4], "--profile") == 0;
    bool known = argc >= 4 && (strcmp(argv[1], "build") == 0 || strcmp(argv[1], "teardown") == 0);
    int n = known ? atoi(argv[2]) : 0;
    if (!known || n < 2 || (argc != 4 && !profile)) {
        fprintf(stderr, "usage: floor build|teardown N PREFIX [--profile] (N >= 2)\n");
        return 2;
    }
    const char *prefix = argv[3];
    if (strcmp(argv[1], "teardown") == 0) {
        if (profile)
            teardown_profiled(prefix, n);
        else
            teardown(prefix, n, false);
        return 0;
    }
    static struct run run;
    run = (struct run){.prefix = prefix, .profile = profile};
    current_run = &run;
    double t = now();
    build(&run, n);
    if (profile)
        print_profile(&run, now() - t);
    return 0;
}
