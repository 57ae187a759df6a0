package datastore.infrastructure.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** Our limits as Bucket4j's bandwidths, and Bucket4j's answers as ours. */
final class BucketShapes {
    private BucketShapes() {}

    static Bandwidth bandwidth(Limit limit) {
        return Bandwidth.builder()
                .capacity(limit.capacity())
                .refillGreedy(limit.refill(), limit.period())
                .id(limit.name())
                .build();
    }

    static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    static Probe probe(ConsumptionProbe p) {
        return new Probe(
                p.isConsumed(), p.getRemainingTokens(), p.getNanosToWaitForRefill(), p.getNanosToWaitForReset());
    }
}
