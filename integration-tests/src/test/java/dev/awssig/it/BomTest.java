package dev.awssig.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The BOM manages every published module of the reactor, at the project's version. */
class BomTest {
    /** Reactor modules that are not published, so not in the BOM. */
    static final Set<String> NOT_PUBLISHED = Set.of("awssig-bom", "awssig-benchmarks", "awssig-fuzz",
            "awssig-integration-tests", "awssig-e2e");

    @Test
    void bomManagesEveryPublishedReactorModule() throws Exception {
        Set<String> published = new TreeSet<>(Reactor.modules().keySet());
        published.removeAll(NOT_PUBLISHED);
        Document bom = Reactor.parse(Reactor.root().resolve("bom").resolve("pom.xml"));
        Set<String> managed = new TreeSet<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertEquals("dev.awssig", Reactor.childText(d, "groupId"));
            assertEquals("${project.version}", Reactor.childText(d, "version"), Reactor.childText(d, "artifactId"));
            managed.add(Reactor.childText(d, "artifactId"));
        }
        assertEquals(published, managed, "bom/pom.xml must manage exactly the published modules");
        assertTrue(managed.contains("awssig-signer-api") && managed.contains("awssig-signer-v4"), managed.toString());
        assertTrue(Files.readString(Reactor.root().resolve("bom").resolve("pom.xml")).contains("<packaging>pom</packaging>"));
    }
}
