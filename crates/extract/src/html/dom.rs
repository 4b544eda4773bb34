//! A flat, pre-order view of a parsed page.
//!
//! Every node gets an index in document order; the subtree of node `i` is exactly the index
//! range `i..end[i]`. Aggregates (text length, link text, paragraph counts) are then computed
//! in one reverse sweep, with no recursion (100,000 nested elements cannot overflow the stack)
//! and no quadratic walks.

use scraper::node::Element;
use scraper::{Html, Node};

/// What a node is.
#[derive(Debug, Clone, Copy)]
pub enum Kind<'a> {
    /// An element.
    Elem(&'a Element),
    /// A text node.
    Text(&'a str),
    /// Anything else (comments, doctype, the document root).
    Other,
}

/// One node of the flat tree.
#[derive(Debug, Clone, Copy)]
pub struct DNode<'a> {
    /// Content.
    pub kind: Kind<'a>,
    /// Tag name (lower case) for elements, "" otherwise.
    pub tag: &'a str,
    /// Parent index (the root is its own parent).
    pub parent: u32,
    /// One past the last index of this node's subtree.
    pub end: u32,
    /// Depth in the tree.
    pub depth: u32,
}

/// The flat tree.
pub struct Dom<'a> {
    /// Nodes in document order.
    pub nodes: Vec<DNode<'a>>,
}

impl<'a> Dom<'a> {
    /// Flattens a parsed document.
    pub fn new(html: &'a Html) -> Self {
        let mut nodes: Vec<DNode<'a>> = Vec::with_capacity(1024);
        let mut stack: Vec<u32> = Vec::with_capacity(64);
        for edge in html.tree.root().traverse() {
            match edge {
                ego_tree::iter::Edge::Open(n) => {
                    let idx = nodes.len() as u32;
                    let parent = stack.last().copied().unwrap_or(0);
                    let (kind, tag) = match n.value() {
                        Node::Element(e) => (Kind::Elem(e), e.name()),
                        Node::Text(t) => (Kind::Text(&t.text), ""),
                        _ => (Kind::Other, ""),
                    };
                    nodes.push(DNode { kind, tag, parent, end: idx + 1, depth: stack.len() as u32 });
                    stack.push(idx);
                }
                ego_tree::iter::Edge::Close(_) => {
                    if let Some(i) = stack.pop() {
                        nodes[i as usize].end = nodes.len() as u32;
                    }
                }
            }
        }
        Dom { nodes }
    }

    /// The element at `i`, if it is one.
    pub fn elem(&self, i: usize) -> Option<&'a Element> {
        match self.nodes[i].kind {
            Kind::Elem(e) => Some(e),
            _ => None,
        }
    }

    /// Attribute value by local name.
    pub fn attr(&self, i: usize, name: &str) -> Option<&'a str> {
        self.elem(i).and_then(|e| attr(e, name))
    }

    /// Direct children of node `i`.
    pub fn children(&self, i: usize) -> Children<'_, 'a> {
        Children { dom: self, next: i + 1, end: self.nodes[i].end as usize }
    }

    /// Visible text of the subtree, whitespace collapsed (no block structure).
    pub fn text_of(&self, i: usize) -> String {
        let mut out = String::new();
        let end = self.nodes[i].end as usize;
        let mut j = i;
        while j < end {
            let n = &self.nodes[j];
            if matches!(n.tag, "script" | "style" | "noscript" | "template" | "svg") {
                j = n.end as usize;
                continue;
            }
            if let Kind::Text(t) = n.kind {
                push_collapsed(&mut out, t);
            }
            j += 1;
        }
        out.trim().to_string()
    }
}

/// Iterator over the direct children of a node.
pub struct Children<'d, 'a> {
    dom: &'d Dom<'a>,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_, '_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let i = self.next;
        self.next = self.dom.nodes[i].end as usize;
        Some(i)
    }
}

/// Attribute value by local name (no allocation, no atom interning).
pub fn attr<'a>(e: &'a Element, name: &str) -> Option<&'a str> {
    e.attrs.iter().find(|(n, _)| &*n.local == name).map(|(_, v)| &**v)
}

/// Appends `t` to `out` collapsing runs of white space to one space (a leading space is kept
/// only when `out` does not already end with white space).
pub fn push_collapsed(out: &mut String, t: &str) {
    let mut last_ws = out.is_empty() || out.ends_with([' ', '\n']);
    for c in t.chars() {
        if c.is_whitespace() {
            if !last_ws {
                out.push(' ');
                last_ws = true;
            }
        } else {
            out.push(c);
            last_ws = false;
        }
    }
}

/// Block-level elements: a paragraph boundary before and after.
pub fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tr"
            | "tbody"
            | "thead"
            | "tfoot"
            | "caption"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "address"
            | "hr"
            | "form"
            | "fieldset"
            | "details"
            | "summary"
            | "center"
            | "body"
            | "html"
            | "hgroup"
            | "menu"
            | "legend"
            | "option"
            | "noscript"
    )
}
