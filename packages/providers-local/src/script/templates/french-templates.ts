import { FRENCH_TONE_TEMPLATES } from './french-tone-templates.js';
import type { LanguageTemplates } from './template-types.js';

/**
 * French narration templates. The topic's gender and number are unknown, so it only ever
 * appears after a colon (« le sujet du jour : {topic} »), never after an article or « de »;
 * everywhere else the text says « ce sujet » (masculine, always correct).
 */
export const FRENCH_TEMPLATES: LanguageTemplates = {
  language: 'fr',
  tones: FRENCH_TONE_TEMPLATES,
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
