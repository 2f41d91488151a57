package io.chainpulse.gateway.feed;

/** An event read from one topic, serialized once: the record key it belongs to and its position. */
public interface Frame {
    /** The record key: the creator of a tip, the address of a stream event. */
    String key();

    Cursor cursor();
}
