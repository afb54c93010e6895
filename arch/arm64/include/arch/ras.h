/* SPDX-License-Identifier: MIT */
/**
 * @file
 * What to do with a physical SError taken from a guest, from its syndrome
 * (DDI 0487, D19.2.40, ISS for an SError interrupt: IDS, AET, EA, DFSC).
 * A pure function of the syndrome, so that the host tests check every class.
 */
#ifndef ARCH_RAS_H
#define ARCH_RAS_H

#include <core/types.h>

#define SERROR_ISS_IDS BIT(24)			/**< syndrome IMPLEMENTATION DEFINED */
#define SERROR_ISS_AET(iss) (((iss) >> 10) & 7) /**< asynchronous error type */
#define SERROR_ISS_DFSC(iss) ((iss)&0x3f)
#define SERROR_DFSC_ASYNC 0x11 /**< an asynchronous SError, classified by AET */
#define SERROR_AET_UC 0	       /**< uncontainable */
#define SERROR_AET_UEU 1       /**< unrecoverable: contained, the state cannot be recovered */
#define SERROR_AET_UEO 2       /**< restartable: the interrupted context may go on */
#define SERROR_AET_UER 3       /**< recoverable: software can recover */
#define SERROR_AET_CE 6	       /**< corrected */

enum serror_action {
	SERROR_IGNORE,	       /**< corrected: counted and logged only */
	SERROR_INJECT,	       /**< a virtual SError for the guest, with its syndrome */
	SERROR_STOP_PARTITION, /**< contained but unrecoverable: the guest cannot go on */
	SERROR_STOP_MACHINE,   /**< uncontainable: partita's own state may be hit */
};

/**
 * The action for an SError with syndrome @iss taken from a guest, on a CPU
 * that implements the RAS extension (@ras) or not. Without RAS, or with an
 * IMPLEMENTATION DEFINED syndrome, the error cannot be classified: it goes to
 * the guest whose access caused it, as before RAS existed.
 *
 * An uncontainable error (UC) may have corrupted any state, partita's and
 * other partitions' included, since nothing contained it: only stopping the
 * machine is safe. An unrecoverable one (UEU) is contained to the context
 * that consumed it, the guest's, which cannot be resumed: its partition
 * stops. Restartable and recoverable ones (UEO, UER) are the guest's to
 * handle. A corrected one (CE) needs nothing.
 */
static inline enum serror_action arch_serror_classify(u64 iss, bool ras)
{
	if (!ras || (iss & SERROR_ISS_IDS) || SERROR_ISS_DFSC(iss) != SERROR_DFSC_ASYNC)
		return SERROR_INJECT;
	switch (SERROR_ISS_AET(iss)) {
	case SERROR_AET_UC:
		return SERROR_STOP_MACHINE;
	case SERROR_AET_UEU:
		return SERROR_STOP_PARTITION;
	case SERROR_AET_CE:
		return SERROR_IGNORE;
	case SERROR_AET_UEO:
	case SERROR_AET_UER:
	default:
		return SERROR_INJECT;
	}
}

#endif
