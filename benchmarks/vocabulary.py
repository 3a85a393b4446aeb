"""The words the corpus is made of: industries, stages, actions, thoughts, feelings, channels."""

from __future__ import annotations

INDUSTRIES: tuple[tuple[str, str], ...] = (
    ("accounting", "accounting software"),
    ("insurance", "home insurance"),
    ("banking", "a business bank account"),
    ("telecom", "a mobile contract"),
    ("travel", "a family holiday"),
    ("retail", "a new sofa"),
    ("health", "a physiotherapy course"),
    ("education", "an evening course"),
    ("energy", "a heat pump"),
    ("mobility", "an electric car lease"),
    ("saas", "a project management tool"),
    ("utilities", "a broadband upgrade"),
)

SCENARIOS: tuple[str, ...] = (
    "first purchase",
    "renewal",
    "support issue",
    "upgrade",
    "cancellation",
    "onboarding",
    "claim",
    "complaint",
)

# (stage id, stage name, phase, verb phrases for its steps)
STAGES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "awareness",
        "Awareness",
        "pre-purchase",
        ("Notices the problem", "Hears about us", "Searches online", "Reads a review"),
    ),
    (
        "consideration",
        "Consideration",
        "pre-purchase",
        ("Compares offers", "Reads the pricing page", "Asks a colleague", "Books a demo"),
    ),
    (
        "decision",
        "Decision",
        "purchase",
        ("Requests a quote", "Checks the contract", "Gets approval", "Signs up"),
    ),
    (
        "onboarding",
        "Onboarding",
        "post-purchase",
        ("Receives the welcome email", "Sets up the account", "Imports data", "Invites the team"),
    ),
    (
        "retention",
        "Retention",
        "post-purchase",
        ("Uses it every week", "Contacts support", "Gets an invoice", "Reviews the plan"),
    ),
    (
        "advocacy",
        "Advocacy",
        "post-purchase",
        ("Answers the NPS survey", "Recommends us", "Writes a review", "Renews"),
    ),
)

DOES: tuple[str, ...] = (
    "Spends an evening reading forum threads and comparing notes with a friend",
    "Opens the page on a phone during the commute and bookmarks it for later",
    "Fills in the form, then waits for a confirmation that takes longer than expected",
    "Calls the hotline and is put on hold twice before reaching the right person",
    "Downloads the brochure and forwards it to the person who signs off the budget",
    "Tries the self-service flow first and falls back to email when it stalls",
    "Writes down three questions to ask before committing to anything",
    "Checks the small print for cancellation terms and hidden fees",
)

THINKS: tuple[str, ...] = (
    "Will this work with what we already use?",
    "How much will this really cost after the first year?",
    "I wish someone would just tell me which plan fits us.",
    "Is there a human I can talk to if this goes wrong?",
    "This is taking longer than I hoped.",
    "Finally, something that simply works.",
    "Who else in the team needs to agree to this?",
    "I hope I do not have to enter everything twice.",
    "Can I trust the reviews I am reading?",
    "What happens to my data if I leave?",
)

FEELINGS: tuple[str, ...] = ("frustrated", "anxious", "neutral", "hopeful", "delighted")

TOUCHPOINT_NAMES: tuple[str, ...] = (
    "Search ad",
    "Pricing page",
    "Comparison article",
    "Welcome email",
    "Onboarding checklist",
    "Support chat",
    "Hotline",
    "Invoice",
    "Mobile app home screen",
    "Account manager call",
    "Store visit",
    "Renewal letter",
    "NPS survey",
    "Help centre article",
)

PAINS: tuple[str, ...] = (
    "Prices are hidden behind a sales call",
    "The form loses everything on a timeout",
    "Nobody answers the chat outside office hours",
    "The contract uses words nobody understands",
    "Importing old data fails without saying why",
    "Invoices arrive in a format finance cannot use",
)

IDEAS: tuple[str, ...] = (
    "Publish prices on the website",
    "Save the form as the customer types",
    "Offer a call-back instead of a queue",
    "Write the contract summary in plain language",
    "Show import errors line by line",
    "Let customers pick the invoice format",
)

KPI_NAMES: tuple[tuple[str, str], ...] = (
    ("Reach", "visitors"),
    ("Demo sign-up rate", "%"),
    ("Conversion rate", "%"),
    ("Time to first value", "days"),
    ("Churn", "%"),
    ("Net promoter score", "NPS"),
)

EVIDENCE_KINDS: tuple[tuple[str, str], ...] = (
    ("interview", "Interviews with customers"),
    ("survey", "Onboarding survey"),
    ("support-tickets", "Support ticket review"),
    ("analytics", "Funnel analytics"),
    ("session-recordings", "Session recordings"),
)

TEAMS: tuple[tuple[str, str], ...] = (
    ("marketing", "Marketing"),
    ("sales", "Sales"),
    ("customer-success", "Customer Success"),
    ("support", "Support"),
    ("product", "Product"),
    ("billing", "Billing"),
    ("operations", "Operations"),
    ("research", "Research"),
)

CHANNELS: tuple[tuple[str, str, str], ...] = (
    ("web", "Website", "digital"),
    ("email", "Email", "digital"),
    ("app", "Mobile app", "digital"),
    ("phone", "Phone", "phone"),
    ("store", "Store", "in-person"),
    ("social", "Social media", "social"),
    ("mail", "Letters", "mail"),
    ("partner", "Partner network", "partner"),
)

PERSONAS: tuple[tuple[str, str, str], ...] = (
    ("budi", "Budi", "Finance manager at a small firm"),
    ("dewi", "Dewi", "Operations lead"),
    ("sam", "Sam", "First-time buyer"),
    ("amira", "Amira", "IT administrator"),
    ("lena", "Lena", "Busy parent"),
    ("tomas", "Tomas", "Procurement officer"),
    ("yuki", "Yuki", "Freelance designer"),
    ("omar", "Omar", "Store owner"),
    ("ines", "Ines", "Student"),
    ("kofi", "Kofi", "Retired engineer"),
    ("mei", "Mei", "Startup founder"),
    ("raj", "Raj", "Director approving the budget"),
)
