package io.chainpulse.gateway.feed;

/** One topic the live consumer reads: how its records become frames, and where the frames go. */
public record Feed<F extends Frame>(String topic, FrameDecoder<F> decoder, FeedSink<F> sink) {}
