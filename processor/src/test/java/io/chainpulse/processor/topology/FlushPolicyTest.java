package io.chainpulse.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlushPolicyTest {
    private final FlushPolicy policy = new FlushPolicy();

    @Test
    void shouldWriteSoonAndCommitEagerlyWhileKeepingUp() {
        policy.observeLag(20);

        assertThat(policy.catchingUp()).isFalse();
        assertThat(policy.due(1, FlushPolicy.LIVE_DELAY_MS - 1)).isFalse();
        assertThat(policy.due(1, FlushPolicy.LIVE_DELAY_MS)).isTrue();
        assertThat(policy.due(FlushPolicy.LIVE_MAX_BATCH, 0)).isTrue();
        assertThat(policy.commitEagerly()).isTrue();
    }

    @Test
    void shouldGatherBigBatchesAndLeaveCommitsToTheIntervalWhileCatchingUp() {
        policy.observeLag(FlushPolicy.CATCH_UP_LAG_MS + 1);

        assertThat(policy.catchingUp()).isTrue();
        assertThat(policy.due(FlushPolicy.LIVE_MAX_BATCH, FlushPolicy.LIVE_DELAY_MS)).isFalse();
        assertThat(policy.due(1, FlushPolicy.CATCH_UP_DELAY_MS)).isTrue();
        assertThat(policy.due(FlushPolicy.CATCH_UP_MAX_BATCH, 0)).isTrue();
        assertThat(policy.maxBatch()).isEqualTo(FlushPolicy.CATCH_UP_MAX_BATCH);
        assertThat(policy.commitEagerly()).isFalse();
    }

    @Test
    void shouldReturnToLiveModeOnceTheBacklogIsGone() {
        policy.observeLag(10_000);
        policy.observeLag(3);

        assertThat(policy.catchingUp()).isFalse();
        assertThat(policy.maxBatch()).isEqualTo(FlushPolicy.LIVE_MAX_BATCH);
    }

    @Test
    void shouldNeverWriteAnEmptyBatch() {
        assertThat(policy.due(0, 1_000)).isFalse();
    }
}
