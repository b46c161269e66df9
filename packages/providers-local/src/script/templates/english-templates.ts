import type { LanguageTemplates } from './template-types.js';

/** English narration templates. After the hook the topic is "this", so plural topics read well too. */
export const ENGLISH_TEMPLATES: LanguageTemplates = {
  language: 'en',
  tones: {
    neutral: {
      hooks: [
        'Today, let’s take a closer look at {topic}.',
        'Here is a short guide to {topic}.',
        '{Topic}: here is what you should know.',
        'Today’s topic: {topic}.',
        '{Topic}, in brief.',
      ],
      contexts: [
        'It comes up more often than you might think, and it is worth understanding.',
        'Plenty of people have heard about this, but few know the whole story.',
        'This matters more than most people realise.',
        'Worth knowing.',
      ],
      pointOpeners: {
        first: ['First,', 'To start,'],
        second: ['Next,', 'Second,'],
        third: ['Then,', 'Third,'],
        last: ['Finally,', 'Last,'],
      },
      bridges: ['That is only part of the picture.', 'Keep that in mind for what comes next.', 'There is more to it.'],
      takeaways: [
        'So the next time someone mentions {topic}, you will know the bigger picture.',
        'In short, there is more to this than meets the eye.',
        'Those are the essentials.',
        'Now you know.',
      ],
      callsToAction: [
        'Follow for more short explainers like this one.',
        'Share this with someone who would find it useful.',
        'Stay curious.',
      ],
    },
    enthusiastic: {
      hooks: [
        'Get ready, because today we are diving into {topic}!',
        'You are going to love this one: {topic}!',
        'Buckle up! It’s time to talk about {topic}!',
        'Let’s go: {topic}!',
        '{Topic}? Let’s do this!',
      ],
      contexts: [
        'Honestly, this is one of the most exciting things you can learn about right now!',
        'Once you see how it all fits together, you will never look at this the same way again!',
        'Trust me, this is worth every second!',
        'This is amazing stuff!',
      ],
      pointOpeners: {
        first: ['First up:', 'Number one:'],
        second: ['Next up:', 'Number two:'],
        third: ['And then:', 'Number three:'],
        last: ['And finally:', 'Last but not least:'],
      },
      bridges: ['Pretty cool, right?', 'And it gets even better!', 'Wait, there’s more!'],
      takeaways: [
        'Isn’t that incredible? There is so much more to {topic} than most people ever notice!',
        'Amazing, right? Now you know the story!',
        'What a story!',
      ],
      callsToAction: [
        'Like and follow for more, and tell me what you want to learn next!',
        'Share this with a friend who needs to see it!',
        'Follow for more!',
      ],
    },
    calm: {
      hooks: [
        'Take a breath, and let’s slowly explore {topic} together.',
        'Let’s spend a quiet moment with {topic}.',
        'A calm look at {topic}.',
        'Today, gently: {topic}.',
      ],
      contexts: [
        'There is no rush; we will take it one step at a time.',
        'It is a subject that rewards a patient and curious mind.',
        'Let it unfold slowly.',
      ],
      pointOpeners: {
        first: ['To begin,', 'First,'],
        second: ['Then,', 'Next,'],
        third: ['After that,', 'Moving on gently,'],
        last: ['And finally,', 'To close,'],
      },
      bridges: ['Let that settle for a moment.', 'Breathe, and take that in.', 'There is no hurry.'],
      takeaways: [
        'In the end, understanding {topic} is something you can do at your own pace.',
        'Take with you whatever feels useful.',
        'Just something to reflect on.',
        'Simple, really.',
      ],
      callsToAction: [
        'Come back whenever you want to learn a little more.',
        'Follow along for more quiet explainers.',
        'Until next time.',
      ],
    },
    serious: {
      hooks: [
        'This is a serious subject, and it deserves our full attention: {topic}.',
        'Let us examine {topic} carefully, and without shortcuts.',
        'The subject today is {topic}.',
        'Consider {topic}.',
      ],
      contexts: [
        'The consequences are real, and they affect more people than we often admit.',
        'The facts deserve to be looked at clearly and honestly.',
        'The stakes are real.',
      ],
      pointOpeners: {
        first: ['First,'],
        second: ['Second,'],
        third: ['Third,'],
        last: ['Finally,'],
      },
      bridges: ['This point deserves careful thought.', 'The details matter here.', 'Consider that carefully.'],
      takeaways: [
        'The conclusion is clear: {topic} deserves informed attention, not quick opinions.',
        'These facts deserve reflection.',
        'That is the essential point.',
        'Think it over.',
      ],
      callsToAction: [
        'Look at the evidence, and form your own judgement.',
        'Share this with those who need it.',
        'Stay informed.',
      ],
    },
    funny: {
      hooks: [
        'Grab your snacks, because we are about to make this fun: {topic}. Yes, really.',
        'Plot twist: today we are talking about {topic}.',
        'Let’s talk about {topic}, minus the boring part.',
        'Warning: contains {topic}.',
      ],
      contexts: [
        'Don’t worry, there is no quiz at the end. Probably.',
        'It sounds complicated, but it is less scary than your inbox.',
        'Stay with me, this gets good.',
      ],
      pointOpeners: {
        first: ['Step one:', 'Chapter one:'],
        second: ['Step two:', 'Chapter two:'],
        third: ['Step three:', 'Plot twist:'],
        last: ['And the grand finale:', 'And for the big finish:'],
      },
      bridges: ['Mind blown? Same here.', 'I know, I was surprised too.', 'Still awake? Good.'],
      takeaways: [
        'So there you go: {topic}, now with one hundred percent less confusion.',
        'You are now officially the expert at parties.',
        'Nailed it.',
      ],
      callsToAction: [
        'Send this to the friend who always says they knew it already.',
        'Follow for more, or at least pretend you will.',
        'Bye for now!',
      ],
    },
    informative: {
      hooks: [
        'In the next few moments, you will learn the essentials of {topic}.',
        'Here is a clear, quick explanation of {topic}.',
        'Let’s break down {topic}.',
        '{Topic}, explained.',
      ],
      contexts: [
        'Understanding the basics makes the headlines much easier to follow.',
        'A few key ideas explain most of what you need to know.',
        'The basics are simple.',
      ],
      pointOpeners: {
        first: ['First,', 'To start,'],
        second: ['Second,', 'Next,'],
        third: ['Third,', 'Then,'],
        last: ['Finally,', 'Lastly,'],
      },
      bridges: ['That is the foundation.', 'Now, let’s build on that.', 'Here is the next piece.'],
      takeaways: [
        'To sum up, a few clear ideas are enough to understand {topic}.',
        'That is the essential picture.',
        'Now you know the basics.',
        'Now you know.',
      ],
      callsToAction: ['Follow for more clear explainers.', 'Save this for later.', 'Keep learning.'],
    },
  },
  angles: {
    origins: {
      statements: [
        'go back to the very beginning, to see where this story starts.',
        'look at where it all began.',
        'the origins.',
      ],
      details: [
        'Every big idea starts small, usually with someone trying to solve a very practical problem.',
        'The first attempts were rough, slow, and often dismissed by the experts of the day.',
        'Step by step, curious people tested, failed, and tried again.',
        'Those early choices still shape how things work today.',
        'What looks obvious now was once a bold and uncertain bet.',
        'Many of the pioneers never saw how far their work would travel.',
        'Knowing the backstory makes the present far easier to understand.',
        'History here is less a straight line than a series of lucky turns.',
      ],
    },
    mechanics: {
      statements: [
        'look at how the whole thing actually works, step by step.',
        'see how it works in practice.',
        'the mechanics.',
      ],
      details: [
        'Under the surface, a few simple principles do most of the work.',
        'Once you see the moving parts, the whole picture suddenly gets clearer.',
        'Each piece depends on the others, like links in a chain.',
        'Small changes in one place can ripple through the entire system.',
        'Experts spend years on the details, but the core idea fits in a sentence.',
        'The clever part is how ordinary ingredients combine into something powerful.',
        'Measure it, test it, and the same patterns show up again and again.',
        'That is why the basics matter more than the buzzwords.',
      ],
    },
    people: {
      statements: [
        'think about the people this affects every single day.',
        'think about the people involved.',
        'the people.',
      ],
      details: [
        'Behind every statistic there are real people with real stories.',
        'For some, this is a daily job; for others, a quiet part of ordinary life.',
        'Families, students, workers and whole communities feel the effects.',
        'Often the biggest changes happen far from the headlines.',
        'Ask ten people about it and you will hear ten different experiences.',
        'The people closest to it usually notice the changes first.',
        'Their choices, taken together, shape what happens next.',
        'Listening to them is often the fastest way to understand what really matters.',
      ],
    },
    myths: {
      statements: [
        'let’s clear up a common misunderstanding along the way.',
        'let’s clear up a common myth.',
        'the myths.',
      ],
      details: [
        'Popular ideas are not always accurate, even when everyone repeats them.',
        'A catchy claim travels fast, while the careful version stays quiet.',
        'The truth is usually more nuanced, and more interesting, than the rumour.',
        'Some myths started as half-truths that simply grew with each retelling.',
        'Checking the source is the easiest way to spot them.',
        'Asking how we actually know something goes a long way.',
        'Once a myth is gone, the real picture becomes much easier to see.',
        'Being curious, not cynical, is the best defence.',
      ],
    },
    challenges: {
      statements: ['let’s be honest about the challenges that remain.', 'consider the challenges.', 'the challenges.'],
      details: [
        'Of course, nothing here is simple, and there are real trade-offs.',
        'Costs, habits and rules do not change overnight.',
        'Some problems are technical, while others are about money or trust.',
        'Progress is real, but it is uneven from one place to another.',
        'Every solution tends to raise a few new questions of its own.',
        'Ignoring the hard parts only makes them harder later.',
        'Naming the obstacles clearly is the first step to getting past them.',
        'The good news is that many smart people are working on them right now.',
      ],
    },
    future: {
      statements: ['look ahead to what the coming years could bring.', 'look at what comes next.', 'what comes next.'],
      details: [
        'The next few years could change a lot, and faster than we expect.',
        'New tools and new ideas keep opening doors that once looked firmly closed.',
        'Some predictions will turn out wrong, and that is part of the fun.',
        'What seems experimental today may feel completely normal tomorrow.',
        'The direction matters as much as the speed.',
        'Decisions made now will shape the options we have later.',
        'Keeping an open mind is the best way to be ready for what comes.',
        'One thing is certain: the story is far from over.',
      ],
    },
  },
  contextDetails: [
    'This touches science, everyday habits and even the way we imagine the future.',
    'Understanding this starts with a few simple questions.',
    'Where does this come from, how does it work, and why should anyone care?',
    'The short version is surprisingly easy to follow.',
    'Headlines only show a small slice of the story.',
  ],
};
