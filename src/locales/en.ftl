# The bot's own words in English. Variables arrive already HTML-escaped.
welcome =
    Hello! I answer questions about { $count ->
        [one] the article
       *[other] { $count } articles
    } <b>{ $title }</b>.
    Ask me anything in plain words and I reply with the passage that answers it, the matching words in bold.
welcome-examples = Try, for example:
help =
    <b>How to use me</b>
    Send a question in plain words and I reply with the best-matching passage of the article, the source cited.

    /ask <i>question</i> - ask a question (also in groups)
    /facts - the article's key facts
    /source - where the article comes from
    /help - this message
help-group = In groups I stay quiet: ask with /ask <i>question</i>, mention me (@{ $username } <i>question</i>) or reply to one of my messages.
ask-usage = Ask a question after the command, for example: <code>/ask { $example }</code>
not-found = The article does not say that. I can tell you about { $topics }.
not-found-none = The article does not say that.
facts-title = <b>Key facts</b>
source-title = <b>Source</b>
source-lines =
    Title: { $title }
    Date: { $date }
    Place: { $place }
    Agency: { $source }
    Sentences: { $sentences }
unknown = unknown
error = Sorry, something went wrong while answering. Please try again.
empty-question = Please send a question in words.
cmd-start = Welcome and example questions
cmd-help = How to use the bot
cmd-ask = Ask a question about the article
cmd-facts = The article's key facts
cmd-source = Where the article comes from
