package dev.awssig.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * What Maven Central asks of every published pom: name, description, url, licenses, developers,
 * scm, and here issueManagement too. The modules inherit them from the root pom, whose url and
 * scm must not grow a per-module path; the BOM (no parent) declares the same project home.
 */
class PublishedPomsTest {
    private static final List<String> PROJECT_METADATA = List.of("url", "licenses/license/name",
            "licenses/license/url", "developers/developer/name", "scm/connection", "scm/developerConnection",
            "scm/url", "issueManagement/url");

    private static Element pom(Path dir) throws Exception {
        return Reactor.parse(dir.resolve("pom.xml")).getDocumentElement();
    }

    @Test
    void theRootPomAndTheBomDeclareTheSameProjectHome() throws Exception {
        Element root = pom(Reactor.root());
        Element bom = pom(Reactor.root().resolve("bom"));
        assertNull(Reactor.child(bom, "parent").orElse(null), "the BOM inherits nothing");
        for (String p : PROJECT_METADATA) {
            assertNotNull(Reactor.path(root, p), "root pom.xml lacks " + p);
            assertEquals(Reactor.path(root, p), Reactor.path(bom, p), "bom/pom.xml " + p);
        }
        assertEquals(Reactor.path(root, "properties/awssig.repository"), Reactor.path(bom, "properties/awssig.repository"),
                "awssig.repository must be the same in pom.xml and bom/pom.xml");
        assertTrue(Reactor.path(root, "url").contains("${awssig.repository}"), "one property names the project home");
        assertEquals("false", root.getAttribute("child.project.url.inherit.append.path"),
                "modules must not append their artifactId to the project url");
        Element scm = Reactor.child(root, "scm").orElseThrow();
        for (String a : List.of("child.scm.connection.inherit.append.path",
                "child.scm.developerConnection.inherit.append.path", "child.scm.url.inherit.append.path")) {
            assertEquals("false", scm.getAttribute(a), a);
        }
    }

    @Test
    void everyPublishedModuleHasANameAndDescriptionAndInheritsTheRest() throws Exception {
        Map<String, Path> modules = Reactor.modules();
        for (String artifactId : Reactor.bomArtifacts()) {
            Path dir = modules.get(artifactId);
            assertNotNull(dir, artifactId + " is managed by the BOM but is no reactor module");
            Element pom = pom(dir);
            assertEquals("awssig-parent", Reactor.path(pom, "parent/artifactId"), artifactId);
            assertFalse(Reactor.childText(pom, "name") == null || Reactor.childText(pom, "name").isEmpty(),
                    artifactId + " has no <name>");
            assertFalse(Reactor.childText(pom, "description") == null || Reactor.childText(pom, "description").isEmpty(),
                    artifactId + " has no <description> of its own");
            for (String own : List.of("url", "scm", "developers", "issueManagement", "licenses")) {
                assertNull(Reactor.childText(pom, own), artifactId + " declares its own <" + own
                        + ">: the project's is inherited from the root pom");
            }
        }
    }
}
