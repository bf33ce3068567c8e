package dev.awssig.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The repository as the tests see it: the root, its modules' poms, the BOM, the Markdown files. */
final class Reactor {
    private Reactor() {
    }

    /** The repository root (the parent of integration-tests). */
    static Path root() {
        return Paths.get(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath().getParent();
    }

    static Document parse(Path pom) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(pom.toFile());
    }

    /** The element's direct child of that name. */
    static Optional<Element> child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(name)) {
                return Optional.of((Element) n);
            }
        }
        return Optional.empty();
    }

    /** The trimmed text of the element's direct child of that name, or null. */
    static String childText(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim()).orElse(null);
    }

    /** The text at a path of direct children ({@code "scm/url"}), or null. */
    static String path(Element parent, String path) {
        Element e = parent;
        for (String step : path.split("/")) {
            Optional<Element> c = child(e, step);
            if (c.isEmpty()) {
                return null;
            }
            e = c.get();
        }
        return e.getTextContent().trim();
    }

    /** Every reactor module's artifactId and directory, in the root pom's order. */
    static Map<String, Path> modules() throws Exception {
        Path root = root();
        Map<String, Path> modules = new LinkedHashMap<>();
        NodeList list = parse(root.resolve("pom.xml")).getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            Path dir = root.resolve(list.item(i).getTextContent().trim());
            modules.put(childText(parse(dir.resolve("pom.xml")).getDocumentElement(), "artifactId"), dir);
        }
        return modules;
    }

    /** The artifactIds the BOM manages: the published modules (the BOM itself aside). */
    static List<String> bomArtifacts() throws Exception {
        Document bom = parse(root().resolve("bom").resolve("pom.xml"));
        List<String> managed = new ArrayList<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            managed.add(childText((Element) deps.item(i), "artifactId"));
        }
        return managed;
    }

    /** The project version (the root pom's). */
    static String version() throws Exception {
        return childText(parse(root().resolve("pom.xml")).getDocumentElement(), "version");
    }

    /** Every Markdown file of the repository, outside build output and hidden folders, sorted. */
    static List<Path> markdownFiles() throws IOException {
        Path root = root();
        TreeSet<Path> found = new TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".md"))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            String n = part.toString();
                            if (n.equals("target") || n.equals("node_modules") || n.startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .forEach(found::add);
        }
        return new ArrayList<>(found);
    }
}
