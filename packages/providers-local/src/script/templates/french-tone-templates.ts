import type { ScriptTone } from '../script-tone.js';
import type { ToneTemplates } from './template-types.js';

/**
 * French hooks, contexts, point openers, bridges, takeaways and calls to action, per tone. As
 * everywhere in the French templates, `{topic}` only follows a colon (its gender is unknown).
 */
export const FRENCH_TONE_TEMPLATES: Record<ScriptTone, ToneTemplates> = {
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
};
