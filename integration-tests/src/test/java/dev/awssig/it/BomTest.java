package dev.awssig.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The BOM manages every published module of the reactor, at the project's version. */
class BomTest {
    /** Reactor modules that are not published, so not in the BOM. */
    private static final Set<String> NOT_PUBLISHED = Set.of("awssig-bom", "awssig-benchmarks",
            "awssig-integration-tests", "awssig-e2e");

    private static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    private static String text(Element parent, String child) {
        NodeList l = parent.getElementsByTagName(child);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }

    @Test
    void bomManagesEveryPublishedReactorModule() throws Exception {
        Path root = Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).getParent();
        Document reactor = parse(root.resolve("pom.xml"));
        Set<String> published = new TreeSet<>();
        NodeList modules = reactor.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String dir = modules.item(i).getTextContent().trim();
            Document pom = parse(root.resolve(dir).resolve("pom.xml"));
            String artifactId = text(pom.getDocumentElement(), "artifactId");
            if (pom.getDocumentElement().getElementsByTagName("parent").getLength() > 0) {
                // the first artifactId is the parent's: take the project's own
                NodeList children = pom.getDocumentElement().getChildNodes();
                for (int c = 0; c < children.getLength(); c++) {
                    if (children.item(c) instanceof Element && ((Element) children.item(c)).getTagName()
                            .equals("artifactId")) {
                        artifactId = children.item(c).getTextContent().trim();
                    }
                }
            }
            if (!NOT_PUBLISHED.contains(artifactId)) {
                published.add(artifactId);
            }
        }
        Document bom = parse(root.resolve("bom").resolve("pom.xml"));
        Set<String> managed = new TreeSet<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertEquals("dev.awssig", text(d, "groupId"));
            assertEquals("${project.version}", text(d, "version"), text(d, "artifactId"));
            managed.add(text(d, "artifactId"));
        }
        assertEquals(published, managed, "bom/pom.xml must manage exactly the published modules");
        assertTrue(managed.contains("awssig-signer-api") && managed.contains("awssig-signer-v4"), managed.toString());
        assertTrue(Files.readString(root.resolve("bom").resolve("pom.xml")).contains("<packaging>pom</packaging>"));
    }
}
