package org.cryptorch.api;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.cryptorch.net.Channel;
import org.cryptorch.net.ProtocolException;

/**
 * The messages that open a serving session, before any protocol runs. The server answers a connected client with
 * zero or more {@code queued N} notices (N sessions ahead of it), then either {@code session TOKEN} or
 * {@code busy: REASON} (and closes). A client that got a token acknowledges it, so that a client which gave up while
 * queued is noticed before anything is set up for it. Both parties then open their dealer connection with the
 * token: the dealer pairs the two connections of a session by it, so concurrent sessions never share or swap a
 * correlation stream. The token is a random name for the session, not a secret: the connections are authenticated
 * by TLS.
 */
final class SessionAdmission {
    private static final String QUEUED = "queued ";
    private static final String SESSION = "session ";
    private static final String BUSY = "busy: ";
    private static final String ACK = "ready";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionAdmission() {
    }

    /** A fresh session token (128 random bits, in hex). */
    static String newToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** At the server: tells a waiting client how many sessions are ahead of it. */
    static void queued(Channel client, int ahead) {
        send(client, QUEUED + ahead);
    }

    /** At the server: refuses a client (the caller closes the channel). */
    static void refuse(Channel client, String reason) {
        send(client, BUSY + reason);
    }

    /** At the server: admits a client into session {@code token} and waits for its acknowledgement. */
    static void admit(Channel client, String token) {
        send(client, SESSION + token);
        String ack = receive(client);
        if (!ack.equals(ACK)) {
            throw new ProtocolException(client.peer() + " answered its admission with '" + ack + "'");
        }
    }

    /**
     * At the client: waits (through queue notices, each passed to {@code notices}) until the server admits it, and
     * returns the session token; a refusal fails with the server's reason, naming {@code server}.
     */
    static String awaitAdmission(Channel server, String serverName, Consumer<String> notices) {
        while (true) {
            String m = receive(server);
            if (m.startsWith(QUEUED)) {
                notices.accept("waiting for " + serverName + ": " + m.substring(QUEUED.length())
                    + " session(s) ahead in its queue");
            } else if (m.startsWith(SESSION)) {
                send(server, ACK);
                return m.substring(SESSION.length());
            } else if (m.startsWith(BUSY)) {
                throw new ServerBusyException(serverName + " is busy: " + m.substring(BUSY.length()));
            } else {
                throw new ProtocolException(serverName + " opened the session with '" + m + "'");
            }
        }
    }

    /** A party opening its dealer connection names its session. */
    static void joinDealerSession(Channel dealer, String token) {
        send(dealer, SESSION + token);
    }

    /** At the dealer: the session a party's connection belongs to. */
    static String dealerSessionOf(Channel party) {
        String m = receive(party);
        if (!m.startsWith(SESSION) || m.length() == SESSION.length()) {
            throw new ProtocolException(party.peer() + " did not name its session (sent '" + m + "')");
        }
        return m.substring(SESSION.length());
    }

    private static void send(Channel c, String message) {
        c.sendBytes(message.getBytes(StandardCharsets.UTF_8));
    }

    private static String receive(Channel c) {
        return new String(c.receiveBytes(), StandardCharsets.UTF_8);
    }

    /** The server refused a client: it serves as many sessions as it may, and its queue is full (or it is stopping). */
    public static final class ServerBusyException extends IllegalStateException {
        ServerBusyException(String message) {
            super(message);
        }
    }
}
