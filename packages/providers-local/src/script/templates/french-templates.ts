import type { LanguageTemplates } from './template-types.js';

/**
 * French narration templates. The topic's gender and number are unknown, so it only ever
 * appears after a colon (« le sujet du jour : {topic} »), never after an article or « de »;
 * everywhere else the text says « ce sujet » (masculine, always correct).
 */
export const FRENCH_TEMPLATES: LanguageTemplates = {
  language: 'fr',
  tones: {
    neutral: {
      hooks: [
        'Aujourd’hui, penchons-nous sur un sujet bien précis : {topic}.',
        'Voici l’essentiel sur ce sujet : {topic}.',
        'Le sujet du jour : {topic}.',
        'Au programme : {topic}.',
      ],
      contexts: [
        'C’est un sujet plus courant qu’on ne le croit, et il mérite qu’on le comprenne.',
        'Beaucoup en ont entendu parler, mais peu en connaissent toute l’histoire.',
        'Cela compte plus qu’on ne l’imagine.',
        'À savoir.',
      ],
      pointOpeners: {
        first: ['D’abord,', 'Pour commencer,'],
        second: ['Ensuite,', 'Deuxièmement,'],
        third: ['Puis,', 'Troisièmement,'],
        last: ['Enfin,', 'Pour finir,'],
      },
      bridges: ['Ce n’est qu’une partie du tableau.', 'Gardez cela en tête pour la suite.', 'Mais ce n’est pas tout.'],
      takeaways: [
        'Alors, la prochaine fois qu’on vous parlera de ce sujet, vous aurez une vue d’ensemble.',
        'Voilà l’essentiel sur un sujet qui mérite le détour : {topic}.',
        'En bref, il y a plus à dire qu’il n’y paraît.',
        'Voilà l’essentiel.',
      ],
      callsToAction: [
        'Abonnez-vous pour d’autres explications courtes comme celle-ci.',
        'Partagez cette vidéo avec quelqu’un que ça intéressera.',
        'Restez curieux.',
      ],
    },
    enthusiastic: {
      hooks: [
        'Accrochez-vous, aujourd’hui on plonge dans un sujet génial : {topic} !',
        'Vous allez adorer le sujet du jour : {topic} !',
        'Attention, sujet passionnant : {topic} !',
        'C’est parti : {topic} !',
      ],
      contexts: [
        'Franchement, c’est l’un des sujets les plus passionnants du moment !',
        'Une fois qu’on a compris comment tout s’imbrique, on ne voit plus jamais les choses de la même façon !',
        'Croyez-moi, ça vaut le détour !',
        'C’est fascinant !',
      ],
      pointOpeners: {
        first: ['Premier point :', 'Pour commencer :'],
        second: ['Deuxième point :', 'Et ensuite :'],
        third: ['Troisième point :', 'Et puis :'],
        last: ['Et pour finir en beauté :', 'Et enfin :'],
      },
      bridges: ['Plutôt cool, non ?', 'Et ça devient encore mieux !', 'Attendez, ce n’est pas fini !'],
      takeaways: [
        'Incroyable, non ? Il y a tellement plus à découvrir sur ce sujet qu’on ne l’imagine !',
        'Voilà pourquoi ce sujet est si passionnant : {topic} !',
        'Génial, non ?',
        'Quelle histoire !',
      ],
      callsToAction: [
        'Abonnez-vous pour la suite, et dites-moi en commentaire ce que vous voulez découvrir !',
        'Partagez ça avec un ami qui doit absolument le voir !',
        'Abonnez-vous !',
      ],
    },
    calm: {
      hooks: [
        'Prenez une inspiration, et explorons tranquillement un sujet : {topic}.',
        'Accordons-nous un moment de calme autour de ce sujet : {topic}.',
        'Tout en douceur, aujourd’hui : {topic}.',
        'Un regard apaisé : {topic}.',
      ],
      contexts: [
        'Rien ne presse, nous avancerons pas à pas.',
        'C’est un sujet qui récompense la patience et la curiosité.',
        'Laissons ce sujet se dévoiler doucement.',
      ],
      pointOpeners: {
        first: ['Pour commencer,', 'D’abord,'],
        second: ['Puis,', 'Ensuite,'],
        third: ['Après cela,', 'Tout doucement, ensuite,'],
        last: ['Et pour finir,', 'Enfin,'],
      },
      bridges: [
        'Laissons cette idée se poser un instant.',
        'Respirez, et prenez le temps de l’accueillir.',
        'Rien ne presse.',
      ],
      takeaways: [
        'Au fond, comprendre ce sujet est quelque chose que l’on peut faire à son propre rythme.',
        'Gardez ce qui vous semble utile.',
        'Simplement de quoi réfléchir.',
        'Tout simplement.',
      ],
      callsToAction: [
        'Revenez quand vous voulez pour en apprendre un peu plus.',
        'Abonnez-vous pour d’autres explications paisibles.',
        'À bientôt.',
      ],
    },
    serious: {
      hooks: [
        'C’est un sujet sérieux, qui mérite toute notre attention : {topic}.',
        'Examinons avec soin, et sans raccourcis, ce sujet : {topic}.',
        'Le sujet d’aujourd’hui : {topic}.',
        'Considérons ceci : {topic}.',
      ],
      contexts: [
        'Les conséquences sont réelles, et elles touchent plus de monde qu’on ne l’admet souvent.',
        'Les faits méritent d’être regardés clairement et honnêtement.',
        'Les enjeux sont réels.',
      ],
      pointOpeners: {
        first: ['Premièrement,'],
        second: ['Deuxièmement,'],
        third: ['Troisièmement,'],
        last: ['Enfin,'],
      },
      bridges: [
        'Ce point mérite une réflexion attentive.',
        'Les détails comptent ici.',
        'Considérez cela avec attention.',
      ],
      takeaways: [
        'La conclusion est claire : ce sujet mérite une attention éclairée, pas des opinions hâtives.',
        'Ces faits méritent réflexion.',
        'C’est le point essentiel.',
        'À méditer.',
      ],
      callsToAction: [
        'Regardez les faits, et forgez-vous votre propre jugement.',
        'Partagez ceci avec ceux qui en ont besoin.',
        'Restez informés.',
      ],
    },
    funny: {
      hooks: [
        'Sortez le pop-corn, on va rendre ce sujet amusant. Si, si : {topic}.',
        'Rebondissement, le sujet du jour est celui-ci : {topic}.',
        'Parlons d’un sujet, sans la partie ennuyeuse : {topic}.',
        'Attention, sujet surprise : {topic}.',
      ],
      contexts: [
        'Pas de panique, il n’y a pas d’interro à la fin. Enfin, probablement.',
        'Ça a l’air compliqué, mais c’est moins effrayant que votre boîte mail.',
        'Restez avec moi, ça devient bien.',
      ],
      pointOpeners: {
        first: ['Étape un :', 'Chapitre un :'],
        second: ['Étape deux :', 'Chapitre deux :'],
        third: ['Étape trois :', 'Rebondissement :'],
        last: ['Et le grand final :', 'Et pour le bouquet final :'],
      },
      bridges: [
        'Ça vous retourne le cerveau ? Moi aussi.',
        'Je sais, j’ai été surpris aussi.',
        'Toujours réveillé ? Parfait.',
      ],
      takeaways: [
        'Et voilà : un sujet démystifié, avec cent pour cent de confusion en moins.',
        'Vous voilà officiellement l’expert des dîners entre amis.',
        'Mission accomplie.',
      ],
      callsToAction: [
        'Envoyez ça à l’ami qui dit toujours qu’il le savait déjà.',
        'Abonnez-vous, ou faites au moins semblant.',
        'Salut !',
      ],
    },
    informative: {
      hooks: [
        'Dans les instants qui viennent, découvrez l’essentiel sur ce sujet : {topic}.',
        'Voici une explication claire et rapide de ce sujet : {topic}.',
        'Décortiquons ce sujet : {topic}.',
        'Expliqué simplement : {topic}.',
      ],
      contexts: [
        'Comprendre les bases rend l’actualité beaucoup plus facile à suivre.',
        'Quelques idées clés suffisent pour saisir l’essentiel.',
        'Les bases sont simples.',
      ],
      pointOpeners: {
        first: ['Premièrement,', 'Pour commencer,'],
        second: ['Deuxièmement,', 'Ensuite,'],
        third: ['Troisièmement,', 'Puis,'],
        last: ['Enfin,', 'Pour terminer,'],
      },
      bridges: ['Voilà pour les fondations.', 'Maintenant, allons plus loin.', 'Voici la pièce suivante.'],
      takeaways: [
        'En résumé, quelques idées claires suffisent pour comprendre ce sujet.',
        'Voilà l’essentiel.',
        'Vous connaissez maintenant les bases.',
      ],
      callsToAction: [
        'Abonnez-vous pour d’autres explications claires.',
        'Enregistrez cette vidéo pour plus tard.',
        'Continuez d’apprendre.',
      ],
    },
  },
  angles: {
    origins: {
      statements: [
        'remontons au tout début, pour voir où cette histoire commence.',
        'regardons d’où tout est parti.',
        'les origines.',
      ],
      details: [
        'Toute grande idée commence petit, souvent avec quelqu’un qui cherche à résoudre un problème très concret.',
        'Les premiers essais étaient lents, maladroits, et souvent ignorés par les experts de l’époque.',
        'Pas à pas, des esprits curieux ont testé, échoué, puis recommencé.',
        'Ces premiers choix influencent encore la façon dont les choses fonctionnent aujourd’hui.',
        'Ce qui paraît évident aujourd’hui était autrefois un pari audacieux et incertain.',
        'Beaucoup de pionniers n’ont jamais vu jusqu’où leur travail irait.',
        'Connaître l’histoire rend le présent bien plus facile à comprendre.',
        'Ici, l’histoire n’est pas une ligne droite, mais une suite de hasards heureux.',
      ],
    },
    mechanics: {
      statements: [
        'voyons comment tout cela fonctionne vraiment, étape par étape.',
        'voyons comment cela fonctionne.',
        'le fonctionnement.',
      ],
      details: [
        'Sous la surface, quelques principes simples font l’essentiel du travail.',
        'Une fois qu’on voit les rouages, tout devient soudain plus clair.',
        'Chaque pièce dépend des autres, comme les maillons d’une chaîne.',
        'Un petit changement à un endroit peut se répercuter sur tout le système.',
        'Les experts passent des années sur les détails, mais l’idée centrale tient en une phrase.',
        'Le plus astucieux, c’est la façon dont des ingrédients ordinaires forment un tout puissant.',
        'Mesurez, testez, et les mêmes schémas reviennent encore et encore.',
        'C’est pour cela que les bases comptent plus que les mots à la mode.',
      ],
    },
    people: {
      statements: [
        'pensons aux personnes que ce sujet touche chaque jour.',
        'pensons aux personnes concernées.',
        'les personnes concernées.',
      ],
      details: [
        'Derrière chaque statistique, il y a des personnes réelles et des histoires réelles.',
        'Pour certains, c’est un travail quotidien ; pour d’autres, une partie discrète de la vie ordinaire.',
        'Des familles, des élèves, des travailleurs et des communautés entières en ressentent les effets.',
        'Souvent, les plus grands changements se produisent loin des gros titres.',
        'Interrogez dix personnes, et vous entendrez dix expériences différentes.',
        'Les personnes les plus proches du sujet remarquent généralement les changements en premier.',
        'Ensemble, leurs choix façonnent la suite.',
        'Les écouter est souvent le moyen le plus rapide de comprendre ce qui compte vraiment.',
      ],
    },
    myths: {
      statements: [
        'tordons le cou à une idée reçue très répandue.',
        'tordons le cou à une idée reçue.',
        'les idées reçues.',
      ],
      details: [
        'Les idées populaires ne sont pas toujours exactes, même quand tout le monde les répète.',
        'Une formule accrocheuse circule vite, alors que la version nuancée reste discrète.',
        'La vérité est souvent plus nuancée, et plus intéressante, que la rumeur.',
        'Certaines idées reçues étaient d’abord des demi-vérités qui ont grossi à chaque répétition.',
        'Vérifier la source est le moyen le plus simple de les repérer.',
        'Se demander comment on le sait vraiment permet d’aller loin.',
        'Une fois l’idée reçue écartée, la réalité devient bien plus facile à voir.',
        'La curiosité, plutôt que le cynisme, reste la meilleure défense.',
      ],
    },
    challenges: {
      statements: [
        'soyons honnêtes sur les défis qui restent à relever.',
        'regardons les défis en face.',
        'les défis.',
      ],
      details: [
        'Bien sûr, rien n’est simple, et il y a de vrais compromis.',
        'Les coûts, les habitudes et les règles ne changent pas du jour au lendemain.',
        'Certains problèmes sont techniques, d’autres sont une question d’argent ou de confiance.',
        'Les progrès sont réels, mais inégaux d’un endroit à l’autre.',
        'Chaque solution a tendance à soulever quelques nouvelles questions.',
        'Ignorer les difficultés ne fait que les rendre plus dures plus tard.',
        'Nommer clairement les obstacles est la première étape pour les surmonter.',
        'La bonne nouvelle, c’est que beaucoup de gens brillants y travaillent en ce moment.',
      ],
    },
    future: {
      statements: [
        'regardons ce que les prochaines années pourraient apporter.',
        'regardons vers l’avenir.',
        'l’avenir.',
      ],
      details: [
        'Les prochaines années pourraient changer beaucoup de choses, et plus vite qu’on ne le pense.',
        'De nouveaux outils et de nouvelles idées ouvrent des portes qui semblaient fermées.',
        'Certaines prédictions se révéleront fausses, et cela fait partie du jeu.',
        'Ce qui semble expérimental aujourd’hui pourrait paraître tout à fait normal demain.',
        'La direction compte autant que la vitesse.',
        'Les décisions prises maintenant façonneront les options dont nous disposerons plus tard.',
        'Garder l’esprit ouvert est la meilleure façon de se préparer à la suite.',
        'Une chose est sûre : l’histoire est loin d’être terminée.',
      ],
    },
  },
  contextDetails: [
    'Ce sujet touche à la science, aux habitudes du quotidien et même à notre façon d’imaginer l’avenir.',
    'Pour comprendre ce sujet, il suffit de se poser quelques questions simples.',
    'D’où vient ce sujet, comment fonctionne-t-il, et pourquoi s’y intéresser ?',
    'La version courte est étonnamment facile à suivre.',
    'Les gros titres ne montrent qu’une petite partie de l’histoire.',
  ],
};
