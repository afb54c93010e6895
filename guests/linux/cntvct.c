/* SPDX-License-Identifier: MIT */
/**
 * @file
 * A Linux user program for the test and benchmark initramfs
 * (scripts/fetch-linux.sh puts it in /bin): prints the virtual counter,
 * CNTVCT_EL0, in decimal. partita sets CNTVOFF_EL2 to 0 and QEMU starts
 * the counter at reset, so it tells the time since the machine started,
 * natively and in a partition alike: make bench's Linux boot figure. No C
 * library: two system calls, as arm64 Linux numbers them.
 */
typedef unsigned long u64;

static long sys_write(long fd, const void *buf, u64 n)
{
	register long x0 __asm__("x0") = fd;
	register const void *x1 __asm__("x1") = buf;
	register u64 x2 __asm__("x2") = n;
	register long x8 __asm__("x8") = 64; /* write */

	__asm__ volatile("svc 0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x8) : "memory");
	return x0;
}

static void __attribute__((noreturn)) sys_exit(long code)
{
	register long x0 __asm__("x0") = code;
	register long x8 __asm__("x8") = 93; /* exit */

	for (;;)
		__asm__ volatile("svc 0" : : "r"(x0), "r"(x8));
}

void _start(void);
void _start(void)
{
	char buf[24];
	unsigned i = sizeof(buf);
	u64 v;

	__asm__ volatile("isb\n mrs %0, cntvct_el0" : "=r"(v));
	buf[--i] = '\n';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sys_write(1, &buf[i], sizeof(buf) - i);
	sys_exit(0);
}
