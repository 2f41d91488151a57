package io.chainpulse.gateway.session;

import java.util.Locale;

/** Who a socket belongs to: an OBS overlay (overlay token) or the creator's own dashboard (JWT). */
public enum ChannelKind {
    OVERLAY,
    STREAMER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
