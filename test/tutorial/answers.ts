// Every lesson's right answer and the wrong ones that must not pass it (the found cases among
// them), as a learner would type them; `{if0}`, `{host6}`, … are the lesson's own names (lessonVars).
export interface Answers {
  readonly right: string;
  /** More answers that are right too. */
  readonly alsoRight?: readonly string[];
  readonly wrong: readonly string[];
}

export const ANSWERS: Readonly<Record<number, Answers>> = {
  1: {
    right: "ns A B\nshow\ndel B",
    wrong: [
      // Found: a show typed before A and B existed counted.
      "show\nns A B\ndel B",
      "ns A B\ndel B\nshow",
      "ns A B\nshow\nundo",
      "ns A\nshow\nns B\ndel B",
    ],
  },
  2: {
    right: "ns A\nexec A ip addr",
    alsoRight: ["ns A\nexec A ip -br link", "ns A\nexec A ip a; ip route"],
    wrong: [
      // Found: `exec A ip route` passed "list its interfaces".
      "ns A\nexec A ip route",
      "ns A B\nexec B ip addr",
      "ns A\nexec A ip addrr",
      "ns A\nexec A ip link set lo down",
    ],
  },
  3: {
    right: "ns A\nexec A ping -c1 127.0.0.1",
    alsoRight: ["ns A\nping A 127.0.0.1"],
    wrong: [
      // Found: a ping that failed (exit 2, unreachable) passed.
      "ns A\nexec A ping -c1 -W1 10.9.9.9",
      "ns A\nping host 127.0.0.1",
      "ns A\nexec A ip link set lo down; ping -c1 -W1 127.0.0.1",
      "ns A\nexec A echo ping 127.0.0.1",
      // The ping failed; what came after it made the line succeed.
      "ns A\nexec A ip link set lo down; ping -c1 -W1 127.0.0.1 || true",
      "ns A\nexec A ip link set lo down; ping -c1 -W1 127.0.0.1 | cat",
    ],
  },
  4: {
    right: "ns A B\nlink A <-> B 10.0.0.0/24\nping A B",
    wrong: [
      // Found: 10.0.1.0/24 was accepted for 10.0.0.0/24.
      "ns A B\nlink A <-> B 10.0.1.0/24\nping A B",
      "ns A B\nlink A <-> B 10.0.0.0/24",
      "ns A B\nlink A <-> B\nping A B",
      "ns A B\nlink A <-> B 10.0.0.0/16\nping A B",
      "ns A B\nlink A <-> B 10.0.1.0/24\nping A B\nundo\nlink A <-> B 10.0.0.0/24",
      // A ping that got no reply (the cable unplugged), at an address B still has once it is back.
      "ns A B\nlink A <-> B 10.0.0.0/24\nset A <-> B down\nping A B\nset A <-> B up",
    ],
  },
  5: {
    right: "ns A\nmove {if0} -> A",
    wrong: ["ns A", "ns B\nmove {if0} -> B\nns A", "ns A B\nmove {if0} -> B", "ns A\nmove nosuch0 -> A"],
  },
  6: {
    right: "ns A\nlink A <-> host {host6}\nping host A",
    wrong: [
      "ns A\nlink A <-> host {host6}\nping A host",
      "ns A\nlink A <-> host {host6}",
      "ns A\nlink A <-> host {host7}\nping host A",
      "ns A B\nlink A <-> B {host6}\nping B A",
    ],
  },
  7: {
    right: "ns A B\nlink A <-> B 10.0.0.0/24\nlink A <-> host {host7}\nping A B\nping host A",
    wrong: [
      "ns A B\nlink A <-> B 10.0.0.0/24\nping A B",
      "ns A B\nlink A <-> B 10.0.0.0/24\nlink A <-> host {host7}\nping A B\nping A host",
      "ns A B\nlink B <-> A 10.0.0.0/24\nlink B <-> host {host7}\nping A B\nping host B",
      "ns A B\nlink A <-> B 10.0.0.0/24\nlink A <-> host {host7}\nping host A",
    ],
  },
  8: {
    right:
      "ns A B\nrouter R\nlink A <-> R 10.1.0.0/24\nlink R <-> B 10.2.0.0/24\nroute A default via R\nroute B default via R\nping A B",
    wrong: [
      "ns A B R\nlink A <-> R 10.1.0.0/24\nlink R <-> B 10.2.0.0/24\nroute A default via R\nroute B default via R\nping A B",
      "ns A B\nrouter R\nlink A <-> R 10.1.0.0/24\nlink R <-> B 10.2.0.0/24\nping A B",
      "ns A B\nrouter R\nlink A <-> R 10.1.0.0/24\nlink R <-> B 10.2.0.0/24\nroute A default via R\nping A B",
      "ns A B\nrouter R\nlink A <-> B 10.1.0.0/24\nping A B",
      // The ping failed (R was no router); the lab made right after it, with no ping since.
      "ns A B R\nlink A <-> R 10.1.0.0/24\nlink R <-> B 10.2.0.0/24\nroute A default via R\nroute B default via R\nping A B\ndel R\nrouter R\nlink A <-> R 10.1.0.0/24\nlink R <-> B 10.2.0.0/24\nroute A default via R\nroute B default via R",
    ],
  },
  9: {
    right:
      "ns A B\nrouter R1 R2\nlink A <-> R1 10.1.0.0/24\nlink R1 <-> R2 10.2.0.0/24\nlink R2 <-> B 10.3.0.0/24\nroute auto",
    wrong: [
      "ns A B\nrouter R1 R2\nlink A <-> R1 10.1.0.0/24\nlink R1 <-> R2 10.2.0.0/24\nlink R2 <-> B 10.3.0.0/24",
      "ns A B\nrouter R1\nlink A <-> R1 10.1.0.0/24\nlink R1 <-> B 10.2.0.0/24\nroute auto",
      "ns A B R1 R2\nlink A <-> R1 10.1.0.0/24\nlink R1 <-> R2 10.2.0.0/24\nlink R2 <-> B 10.3.0.0/24\nroute auto",
      "ns A B\nrouter R1 R2\nlink A <-> R1 10.1.0.0/24\nlink R1 <-> R2 10.2.0.0/24\nlink R2 <-> B 10.3.0.0/24\nroute A default via R1\nroute R1 10.3.0.0/24 via R2\nroute R2 10.1.0.0/24 via R1\nroute B default via R2",
      // route auto before the links: it wrote nothing; the routes were written by hand.
      "ns A B\nrouter R1 R2\nroute auto\nlink A <-> R1 10.1.0.0/24\nlink R1 <-> R2 10.2.0.0/24\nlink R2 <-> B 10.3.0.0/24\nroute A default via R1\nroute R1 10.3.0.0/24 via R2\nroute R2 10.1.0.0/24 via R1\nroute B default via R2",
    ],
  },
  10: {
    right: "switch S 10.0.1.0/24\nns h1 h2 h3\nlink h1 <-> S\nlink h2 <-> S\nlink h3 <-> S\nping h1 h3",
    wrong: [
      "switch S\nns h1 h2 h3\nlink h1 <-> S\nlink h2 <-> S\nlink h3 <-> S\nping h1 h3",
      "switch S 10.0.1.0/24\nns h1 h3\nlink h1 <-> S\nlink h3 <-> S\nping h1 h3",
      "switch S 10.0.2.0/24\nns h1 h2 h3\nlink h1 <-> S\nlink h2 <-> S\nlink h3 <-> S\nping h1 h3",
      "ns h1 h2 h3\nlink h1 <-> h3 10.0.1.0/24\nping h1 h3",
    ],
  },
  11: {
    right: "ns A B\nlink A <-> B 10.0.0.0/24 rate 1mbit",
    alsoRight: ["ns A B\nlink A <-> B 10.0.0.0/24\nset A <-> B rate 1mbit"],
    wrong: [
      "ns A B\nlink A <-> B 10.0.0.0/24 rate 10mbit",
      "ns A B\nlink A <-> B 10.0.0.0/24\nset A -> B rate 1mbit",
      "ns A B\nlink A <-> B 10.0.1.0/24 rate 1mbit",
      "ns A B\nlink A <-> B 10.0.0.0/24\nset B -> A rate 1mbit",
    ],
  },
  12: {
    right: "ns A B\nlink A <-> B\nundo",
    wrong: [
      // Found: `undo` ("nothing to undo") then `ns A B` passed.
      "undo\nns A B",
      "ns A B\nlink A <-> B\nunlink A <-> B",
      "ns A B\nlink A <-> B\nundo 2",
      "ns A\nns B\nundo\nns B",
      // The undo (of A and B too) was taken back by redo; the link went with unlink.
      "ns A B\nlink A <-> B\nundo 2\nredo 2\nunlink A <-> B",
    ],
  },
  13: {
    right: 'ns A B\nlink A <-> B 10.0.0.0/24\ncapture A:eth0 count 4 filter "arp or icmp"\nping A B',
    wrong: [
      'ns A B\nlink A <-> B 10.0.0.0/24\nping A B\ncapture A:eth0 count 2 filter "arp or icmp"\nping A B',
      'ns A B\nlink A <-> B 10.0.0.0/24\ncapture B:eth0 count 4 filter "arp or icmp"\nping A B',
      'ns A B\nlink A <-> B 10.0.0.0/24\ncapture A:eth0 count 2 filter "icmp"\nping A B',
      'ns A B\nlink A <-> B 10.0.0.0/24\ncapture A:eth0 count 4 filter "arp or icmp"',
    ],
  },
  14: {
    right:
      "router ns_A\nns ns_B\nlink ns_A <-> ns_B 10.0.0.0/24\nlink ns_A <-> host {host14}\nroute ns_B default via ns_A\nping ns_A ns_B\nping ns_B ns_A\nping ns_A host\nping host ns_A",
    wrong: [
      "ns ns_A ns_B\nlink ns_A <-> ns_B 10.0.0.0/24\nlink ns_A <-> host {host14}\nroute ns_B default via ns_A\nping ns_A ns_B\nping ns_B ns_A\nping ns_A host\nping host ns_A",
      "router ns_A\nns ns_B\nlink ns_A <-> ns_B 10.0.0.0/24\nlink ns_A <-> host {host14}\nping ns_A ns_B\nping ns_B ns_A\nping ns_A host\nping host ns_A",
      "router ns_A\nns ns_B\nlink ns_A <-> ns_B 10.0.0.0/24\nlink ns_A <-> host {host14}\nroute ns_B default via ns_A\nping ns_A ns_B\nping ns_B ns_A\nping host ns_A",
      "router ns_A\nns ns_B\nlink ns_A <-> ns_B 10.0.0.0/24\nlink ns_B <-> host {host14}\nroute ns_B default via ns_A\nping ns_A ns_B\nping ns_B ns_A\nping ns_B host\nping host ns_B",
    ],
  },
};

/** An answer with the lesson's own names filled in. */
export const filled = (answer: string, vars: Readonly<Record<string, string>>): string =>
  answer.replace(/\{(\w+)\}/g, (all, name: string) => vars[name] ?? all);
