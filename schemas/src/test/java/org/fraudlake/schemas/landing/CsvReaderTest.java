package org.fraudlake.schemas.landing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
        CsvReader r = new CsvReader(new StringReader("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\n\"multi\nline\",2\n3,\n"));
        assertEquals(List.of("a", "b"), r.next().fields());
        CsvRecord second = r.next();
        assertEquals(List.of("x,1", "say \"hi\""), second.fields());
        assertEquals(2, second.line());
        CsvRecord third = r.next();
        assertEquals(List.of("multi\nline", "2"), third.fields());
        assertEquals(3, third.line());
        CsvRecord fourth = r.next();
        assertEquals(List.of("3", ""), fourth.fields());
        assertEquals(5, fourth.line());
        assertNull(r.next());
    }

    @Test
    void aStrayQuoteMakesOneMalformedRecordAndReadingGoesOn() throws IOException {
        CsvReader r = new CsvReader(new StringReader("a,b\nZhang \"Boss,1\n\"ok\"x,2\n4,5"));
        r.next();
        CsvRecord stray = r.next();
        assertTrue(stray.malformed());
        assertEquals("Zhang \"Boss,1", stray.raw());
        assertEquals(2, stray.line());
        CsvRecord after = r.next();
        assertTrue(after.malformed());
        assertEquals("\"ok\"x,2", after.raw());
        CsvRecord last = r.next();
        assertEquals(List.of("4", "5"), last.fields());
        assertEquals(4, last.line());
        assertNull(r.next());
    }

    @Test
    void writerQuotesOnlyWhatNeedsIt() {
        assertEquals("plain", CsvWriter.quote("plain"));
        assertEquals("\"a,b\"", CsvWriter.quote("a,b"));
        assertEquals("\"say \"\"x\"\"\"", CsvWriter.quote("say \"x\""));
        assertEquals("\"l1\nl2\"", CsvWriter.quote("l1\nl2"));
    }

    @Test
    void anUnclosedQuoteOrAnEndlessLineIsCutAtTheLimitsAndReadingGoesOn() throws IOException {
        String swallowed = "x,".repeat(100_000) + "\n";
        CsvReader r = new CsvReader(new StringReader("a,b\n1,\"unclosed\n" + swallowed + "2,3\n" + "y".repeat(500)
                + "\n4,5\n"), 20, 50);
        r.next();
        CsvRecord quote = r.next();
        assertTrue(quote.tooLong(), quote.toString());
        assertTrue(quote.raw().length() <= 50, quote.raw());
        assertEquals(List.of("2", "3"), r.next().fields());
        CsvRecord longField = r.next();
        assertTrue(longField.tooLong());
        assertTrue(longField.error().contains("field 1 longer than 20"), longField.error());
        CsvRecord after = r.next();
        assertEquals(List.of("4", "5"), after.fields());
        assertEquals(6, after.line());
        assertNull(r.next());
    }
}
