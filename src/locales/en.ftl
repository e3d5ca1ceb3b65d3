# The bot's own words in English. Variables arrive already HTML-escaped.
welcome =
    Hello! I answer questions about { $count ->
        [one] the article
       *[other] { $count } articles
    } <b>{ $title }</b>.
    Ask me anything in plain words and I reply with the passage that answers it, the matching words in bold.
welcome-examples = Try, for example:
welcome-share = Share an answer: { $link }
help =
    <b>How to use me</b>
    Send a question in plain words and I reply with the best-matching passage of the article, the source cited. Under an answer, <b>More</b> shows the next passages and <b>Context</b> the sentences around it. Edit your question and I edit my answer.

    /ask <i>question</i> - ask a question (also in groups)
    /facts - the article's key facts
    /summary - the article in a short paragraph
    /topics - what the article is about, as buttons
    /source - where the article comes from
    /articles - the articles I know
    /help - this message

    In any chat, type @{ $username } and a question to share a passage (inline mode).
help-shortcuts = <b>Shortcuts</b>
help-group =
    <b>In this group</b> I only see what is meant for me (Telegram's privacy mode), so I stay quiet in ordinary chatter. Ask me with /ask <i>question</i>, mention me (@{ $username } <i>question</i>), or reply to one of my messages. Or type @{ $username } <i>question</i> to share a passage without asking me here.
ask-usage = Ask a question after the command, for example: <code>/ask { $example }</code>
not-found = The article does not say that. I can tell you about { $topics }.
not-found-none = The article does not say that.
closest = <i>The article may not say exactly; the closest { $count ->
        [one] passage is
       *[other] passages are
    }:</i>
facts-title = <b>Key facts</b>
summary-title = <b>Summary</b>
topics-title = <b>Key topics</b>: tap one to ask about it.
topics-none = I found no key topics in the article.
topic-header = About <i>{ $topic }</i>:
articles-title = <b>{ $count ->
        [one] The article
       *[other] { $count } articles
    }</b>
articles-hint = /facts, /summary and /source ask which article you mean; /facts 2 picks the second directly.
article-language = { $lang ->
        [ru] in Russian
       *[en] in English
    }
article-sentences = { $count ->
        [one] { $count } sentence
       *[other] { $count } sentences
    }
pick-article = Which article? There are { $count }.
articles-shown = Showing { $from }–{ $to } of { $total }.
articles-next = /articles { $next } shows the next ones.
picker-page = Page { $page } of { $pages }.
source-title = <b>Source</b>
source-lines =
    Title: { $title }
    Date: { $date }
    Place: { $place }
    Agency: { $source }
    Sentences: { $sentences }
unknown = unknown
button-more = More ▸
button-context = Context
button-stale = This button is out of date. Please ask again.
button-unknown = This button no longer works. Please ask again.
button-article-gone = That article is no longer here. Please ask again.
no-more = That is all the article says about it.
inline-nothing = Not in the article. Ask the bot
# Plain text (an inline result's description), the title unescaped.
inline-closest = The article may not say exactly · { $title }
rate-limited = You are sending me questions faster than I can answer. Please wait a few seconds and ask again.
error = Sorry, something went wrong while answering. Please try again.
empty-question = Please send a question in words.
cmd-start = Welcome and example questions
cmd-help = How to use the bot
cmd-ask = Ask a question about the article
cmd-facts = The article's key facts
cmd-summary = The article in a short paragraph
cmd-topics = The article's key topics, as buttons
cmd-source = Where the article comes from
cmd-articles = The articles the bot knows
rate-limited-button = Too many presses at once. Please wait a moment.
rate-limited-inline = Typing faster than I search: tap to ask in chat
shortened = (shortened)
reply-cut = <i>(cut here: a reply is at most three messages long)</i>
unknown-command = I do not know that command. /help lists what I can do.
chat-not-admin = Only this chat's administrators can change what I know here.
chat-only-groups = /add and /remove work in groups and channels, for their administrators.
add-usage = To add an article: reply /add to a message, write the text after /add, or send a .txt or .md file with the caption /add.
add-done = Added: <b>{ $title }</b> ({ $sentences } sentences). Ask me about it now.
add-duplicate = I already have this text.
add-full-articles = This chat has reached its limit of articles. Remove some with /remove first.
add-full-bytes = This chat has reached its storage limit. Remove some articles with /remove first.
add-unsaved = I will answer from <b>{ $title }</b>, but it could not be saved and will be gone after a restart. The bot's operator has been told.
add-too-big = That file is too big: at most { $kb } KB.
add-bad-type = Only .txt and .md files can be added.
add-not-text = That file is not UTF-8 text.
remove-pick = Which article should I remove?
remove-none = This chat has no articles of its own.
remove-done = Removed: { $title }
remove-gone = That article is already gone.
link-done = Readers can ask about these articles in a private chat with me: { $link }
reader-start = You are now asking about the articles of <b>{ $title }</b>. Send a question.
reader-unknown = This link no longer works. Ask the channel for a new one.
reader-back = ‹ Back to the bot's own articles
reader-left = You are back to the bot's own articles.
post-unsaved = I learned this post, but could not save it: it will be forgotten after a restart. The bot's operator has been told.
post-full-articles = I could not learn this post: the channel has reached its limit of articles.
post-full-bytes = I could not learn this post: the channel has reached its storage limit.
