#!/usr/bin/perl
# Run a command (User-Mode Linux) with ptrace's XSTATE register set refused, so UML 6.1 keeps its
# guests' FP registers through the plain FP requests instead. On a host whose XSAVE area is larger
# than UML 6.1 allows for (AMX), the host kernel refuses UML's PTRACE_SETREGSET of its shorter buffer
# with EFAULT ("ptrace set fp regs failed, errno = 14") and the guest's init dies at once.
# scripts/uml/run.sh uses this only after a boot failed that way.
#
#   perl scripts/uml/no-xstate.pl COMMAND ARGS...
use strict;
use warnings;

# x86_64 numbers: the syscall table, prctl.h, seccomp.h, ptrace.h, elf.h and filter.h.
use constant {
    SYS_PRCTL           => 157,
    SYS_PTRACE          => 101,
    PR_SET_NO_NEW_PRIVS => 38,
    PR_SET_SECCOMP      => 22,
    SECCOMP_MODE_FILTER => 2,
    PTRACE_GETREGSET    => 0x4204,
    PTRACE_SETREGSET    => 0x4205,
    NT_X86_XSTATE       => 0x202,
    AUDIT_ARCH_X86_64   => 0xc000003e,
    SECCOMP_RET_ALLOW   => 0x7fff0000,
    SECCOMP_RET_ERRNO   => 0x00050000,
    EIO                 => 5,
    BPF_LD_W_ABS        => 0x20,
    BPF_JEQ_K           => 0x15,
    BPF_RET_K           => 0x06,
    # Offsets in struct seccomp_data: nr, arch, then args[0..5] of 8 bytes from 16.
    DATA_NR   => 0,
    DATA_ARCH => 4,
    DATA_ARG0 => 16,
    DATA_ARG2 => 32,
};

die "usage: no-xstate.pl COMMAND [ARGS...]\n" unless @ARGV;

# One instruction of a classic BPF program: code, jump if true, jump if false, constant.
sub insn { pack "S C C L", @_ }

# ptrace(PTRACE_GETREGSET or PTRACE_SETREGSET, pid, NT_X86_XSTATE, …) fails with EIO; all else runs.
my $filter = join "",
    insn(BPF_LD_W_ABS, 0, 0, DATA_ARCH),
    insn(BPF_JEQ_K,    1, 0, AUDIT_ARCH_X86_64),
    insn(BPF_RET_K,    0, 0, SECCOMP_RET_ALLOW),
    insn(BPF_LD_W_ABS, 0, 0, DATA_NR),
    insn(BPF_JEQ_K,    0, 6, SYS_PTRACE),
    insn(BPF_LD_W_ABS, 0, 0, DATA_ARG0),
    insn(BPF_JEQ_K,    1, 0, PTRACE_GETREGSET),
    insn(BPF_JEQ_K,    0, 3, PTRACE_SETREGSET),
    insn(BPF_LD_W_ABS, 0, 0, DATA_ARG2),
    insn(BPF_JEQ_K,    0, 1, NT_X86_XSTATE),
    insn(BPF_RET_K,    0, 0, SECCOMP_RET_ERRNO | EIO),
    insn(BPF_RET_K,    0, 0, SECCOMP_RET_ALLOW);

# struct sock_fprog: the instruction count, padding, a pointer to the instructions.
my $program = pack "S x6 Q", length($filter) / 8, unpack("Q", pack("p", $filter));

syscall(SYS_PRCTL, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 or die "no-xstate: PR_SET_NO_NEW_PRIVS: $!\n";
syscall(SYS_PRCTL, PR_SET_SECCOMP, SECCOMP_MODE_FILTER, $program, 0, 0) == 0
    or die "no-xstate: PR_SET_SECCOMP: $!\n";
exec { $ARGV[0] } @ARGV or die "no-xstate: cannot run $ARGV[0]: $!\n";
