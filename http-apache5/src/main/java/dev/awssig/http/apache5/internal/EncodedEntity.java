package dev.awssig.http.apache5.internal;

import dev.awssig.Payload;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

/**
 * The aws-chunked body of a classic request: the encoded payload, with the original entity's
 * content type and repeatability; its length is the encoded length.
 */
public final class EncodedEntity extends AbstractHttpEntity {
    private final Payload encoded;
    private final boolean repeatable;

    /**
     * The encoded form of an entity.
     *
     * @param original the entity as the caller gave it
     * @param encoded the aws-chunked payload
     */
    public EncodedEntity(HttpEntity original, Payload encoded) {
        super(original.getContentType(), null, false);
        this.encoded = encoded;
        this.repeatable = original.isRepeatable();
    }

    @Override
    public InputStream getContent() throws IOException {
        return encoded.openStream();
    }

    @Override
    public long getContentLength() {
        return encoded.contentLength().getAsLong();
    }

    @Override
    public boolean isRepeatable() {
        return repeatable;
    }

    @Override
    public boolean isStreaming() {
        return true;
    }

    @Override
    public void close() {
        // nothing held between reads: every getContent() opens its own stream
    }
}
