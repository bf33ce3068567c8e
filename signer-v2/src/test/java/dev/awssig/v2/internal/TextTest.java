package dev.awssig.v2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.awssig.SignableRequest;
import dev.awssig.internal.MalformedTextException;
import org.junit.jupiter.api.Test;

/** Where a signer's message says a lone UTF-16 surrogate is, and the strict text checks. */
class TextTest {
    private static SignableRequest.Builder request() {
        return SignableRequest.builder().method("GET").uri("https://b.s3.amazonaws.com/");
    }

    @Test
    void whereLoneSurrogateNamesThePathTheQueryOrTheHeaderAndTheIndex() {
        assertEquals("path: index 1", Text.whereLoneSurrogate(request().rawPath("/\ud800k").build()));
        assertEquals("path: index 2", Text.whereLoneSurrogate(request().rawPath("/k\udc00").rawQuery("a=\ud800").build()));
        assertEquals("query: index 0", Text.whereLoneSurrogate(request().rawQuery("\udc00=1").build()));
        assertEquals("query: index 4", Text.whereLoneSurrogate(request().rawQuery("a=1&\ud800").build()));
        assertEquals("header 'x-amz-meta-b': index 0", Text.whereLoneSurrogate(request()
                .header("x-amz-meta-a", "fine \ud83d\ude00").header("x-amz-meta-b", "\udc00").build()));
        assertEquals("header 'x-amz-meta-a': index 3", Text.whereLoneSurrogate(request()
                .header("x-amz-meta-a", "abc\ud800").header("x-amz-meta-b", "\udc00").build()));
        assertNull(Text.whereLoneSurrogate(request().rawPath("/\ud83d\ude00").rawQuery("a=\ud83d\ude00")
                .header("x-amz-meta-a", "\ud83d\ude00").build()));
    }

    @Test
    void requireWellFormedNamesTheIndexOfALoneSurrogateEvenAtTheStart() {
        assertEquals("ok \ud83d\ude00", Text.requireWellFormed("ok \ud83d\ude00", "path"));
        MalformedTextException e = assertThrows(MalformedTextException.class,
                () -> Text.requireWellFormed("\udc00abc", "path"));
        assertEquals("path: has a lone UTF-16 surrogate at index 0 (not valid text; only well-formed Unicode can be signed)",
                e.getMessage());
    }
}
