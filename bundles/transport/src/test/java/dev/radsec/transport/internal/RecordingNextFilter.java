package dev.radsec.transport.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.FilterEvent;

/** The filter after our TLS filter in a test: records what it passes on (writes, events, errors, plaintext). */
final class RecordingNextFilter implements IoFilter.NextFilter {
    final List<byte[]> written = new ArrayList<>();
    final List<FilterEvent> events = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();
    private ByteArrayOutputStream received = new ByteArrayOutputStream();
    int deliveries;

    byte[] received() {
        return received.toByteArray();
    }

    void clearReceived() {
        received = new ByteArrayOutputStream();
        deliveries = 0;
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        IoBuffer b = (IoBuffer) message;
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        received.writeBytes(bytes);
        deliveries++;
    }

    @Override
    public void filterWrite(IoSession session, WriteRequest request) {
        IoBuffer b = (IoBuffer) request.getMessage();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        written.add(bytes);
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
        events.add(event);
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        errors.add(cause);
    }

    @Override
    public void sessionCreated(IoSession session) {
    }

    @Override
    public void sessionOpened(IoSession session) {
    }

    @Override
    public void sessionClosed(IoSession session) {
    }

    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
    }

    @Override
    public void inputClosed(IoSession session) {
    }

    @Override
    public void messageSent(IoSession session, WriteRequest writeRequest) {
    }

    @Override
    public void filterClose(IoSession session) {
    }
}
