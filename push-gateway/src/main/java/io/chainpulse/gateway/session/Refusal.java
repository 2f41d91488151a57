package io.chainpulse.gateway.session;

/** Why a socket is refused, as the close code and reason the client receives. */
public record Refusal(int code, String reason) {
    public static final int POLICY_VIOLATION = 1008;
    static final int TRY_AGAIN_LATER = 1013;

    public static Refusal policy(String reason) {
        return new Refusal(POLICY_VIOLATION, reason);
    }
}
