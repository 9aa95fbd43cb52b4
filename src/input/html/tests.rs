//! Tests of finding and converting a post on whole pages.

use super::to_text;

#[test]
fn blogger_post_without_page_furniture() {
    let page = r#"<!DOCTYPE html><html><head><title>Blog: Post</title>
<meta property="og:title" content="Post title"></head><body>
<div class="navbar section" id="navbar">Sign in · Next blog</div>
<div class="header"><h1 class="title">My Blog</h1></div>
<div class="main section" id="main"><div class="widget Blog" id="Blog1">
<div class="date-outer"><h2 class="date-header"><span>Monday, May 1, 2023</span></h2>
<div class="post-outer"><div class="post hentry" itemscope itemtype="http://schema.org/BlogPosting">
<h3 class="post-title entry-title" itemprop="name">Post  title</h3>
<div class="post-header"></div>
<div class="post-body entry-content" itemprop="description articleBody">
First paragraph.<br /><br />Second <b>bold</b> paragraph.<br /><br />
Reuters, "Blast," 5/1/23<br /><br />- "Another," 5/2/23</div>
<div class="post-footer"><div class="post-share-buttons"><a>Email This</a><a>Share to X</a></div>
<abbr class="published" title="2023-05-01T08:00:00">8:00 AM</abbr></div>
</div></div></div>
<div class="comments" id="comments"><h4>2 comments:</h4><p>First!</p></div>
</div></div>
<div class="sidebar section" id="sidebar-right-1"><div class="widget PopularPosts">
<h3 class="post-title">Other post</h3>Lots of popular post text that goes on and on and on.</div></div>
</body></html>"#;
    assert_eq!(
        to_text(page),
        "Monday, May 1, 2023\n\nPost title\n\nFirst paragraph.\n\nSecond bold paragraph.\n\n\
         Reuters, \"Blast,\" 5/1/23\n\n- \"Another,\" 5/2/23\n"
    );
}

#[test]
fn wordpress_post_with_time_element() {
    let page = r#"<html><body><header class="site-header"><h1>Site</h1>
<nav><a href="/">Home</a></nav></header>
<article class="post hentry"><header class="entry-header">
<h1 class="entry-title">A WordPress title</h1>
<span class="posted-on"><time class="entry-date published" datetime="2023-10-09T10:00:00+00:00">October 9, 2023</time></span>
</header><div class="entry-content"><p>Body text here.</p><p>More text.</p>
<div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3></div></div>
<footer class="entry-footer">Posted in News</footer></article>
<aside id="secondary"><p>Recent posts and other things in the sidebar.</p></aside>
</body></html>"#;
    assert_eq!(
        to_text(page),
        "October 9, 2023\n\nA WordPress title\n\nBody text here.\n\nMore text.\n"
    );
}

#[test]
fn schema_org_markers_and_meta_date() {
    let page = r#"<html><head><meta property="article:published_time" content="2023-11-22T07:00:00Z">
</head><body><div itemscope itemtype="https://schema.org/NewsArticle">
<h2 itemprop="headline">Headline here</h2>
<div itemprop="articleBody"><p>Only paragraph.</p></div></div></body></html>"#;
    assert_eq!(
        to_text(page),
        "2023-11-22\n\nHeadline here\n\nOnly paragraph.\n"
    );
}

#[test]
fn text_density_finds_unmarked_content() {
    let long = "This is a long sentence of article prose that goes on for a while. ";
    let page = format!(
        "<html><head><title>Plain page</title></head><body>\
         <div class='top'><a href='/'>Home</a> <a href='/a'>About</a></div>\
         <div class='x'><div class='y'>{long}<br><br>{long}</div></div>\
         <div class='bottom'>Short footer.</div></body></html>"
    );
    let text = to_text(&page);
    assert!(text.starts_with("Plain page\n\nThis is a long"), "{text}");
    assert!(
        !text.contains("Home") && !text.contains("Short footer"),
        "{text}"
    );
}

#[test]
fn any_input_gives_text_without_panicking() {
    for page in [
        "",
        "<",
        "<html>",
        "plain words",
        "<p>a</p>",
        "</div></div>",
        "<!--",
        "\u{0}",
    ] {
        let _ = to_text(page);
    }
    assert_eq!(
        to_text("<p>Just a paragraph.</p>").trim(),
        "Just a paragraph."
    );
}
