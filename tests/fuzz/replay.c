/* SPDX-License-Identifier: MIT */
/**
 * @file
 * Replays fuzzer inputs through LLVMFuzzerTestOneInput() without libFuzzer,
 * so that `make test` runs the corpus with gcc's sanitizers. One line per
 * file, "ok <file>"; a finding aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
	static uint8_t buf[1 << 20];

	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, n);
		printf("ok %s\n", argv[i]);
	}
	return 0;
}
